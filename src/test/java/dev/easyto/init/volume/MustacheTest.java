package dev.easyto.init.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Mustache of template volumes, on cases from the Mustache spec and upstream's scenarios. */
class MustacheTest {
    private static String render(String template, Object... keysAndValues) throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            context.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Mustache.render(template, context);
    }

    @Test
    void interpolationEscapesHtmlUnlessTripleOrAmpersand() throws Exception {
        assertEquals("a &amp; &lt;b&gt; &quot;c&quot; &#39;d&#39;", render("{{x}}", "x", "a & <b> \"c\" 'd'"));
        assertEquals("<b>&</b>", render("{{{x}}}", "x", "<b>&</b>"));
        assertEquals("<b>&</b>", render("{{& x }}", "x", "<b>&</b>"));
        assertEquals("[]", render("[{{missing}}]"));
        assertEquals("42 1.5 true", render("{{i}} {{f}} {{b}}", "i", 42L, "f", "1.5", "b", true));
    }

    @Test
    void sectionsIterateListsAndEnterMappings() throws Exception {
        List<Object> items = List.of(Map.of("name", "a"), Map.of("name", "b"));
        assertEquals("a,b,", render("{{#items}}{{name}},{{/items}}", "items", items));
        assertEquals("x-y-", render("{{#list}}{{.}}-{{/list}}", "list", List.of("x", "y")));
        assertEquals("in v", render("{{#m}}in {{k}}{{/m}}", "m", Map.of("k", "v")));
        assertEquals("yes", render("{{#flag}}yes{{/flag}}", "flag", true));
        // The outer context stays visible inside a section.
        assertEquals("outer", render("{{#m}}{{top}}{{/m}}", "m", Map.of("k", "v"), "top", "outer"));
    }

    @Test
    void falsyValuesSkipSectionsAndEnterInvertedOnes() throws Exception {
        for (Object falsy : Arrays.asList(false, null, List.of())) {
            assertEquals("", render("{{#v}}shown{{/v}}", "v", falsy));
            assertEquals("none", render("{{^v}}none{{/v}}", "v", falsy));
        }
        assertEquals("", render("{{^v}}none{{/v}}", "v", "text"));
    }

    @Test
    void dottedNamesReachIntoMappings() throws Exception {
        assertEquals("deep", render("{{a.b.c}}", "a", Map.of("b", Map.of("c", "deep"))));
        assertEquals("", render("{{a.x.c}}", "a", Map.of("b", Map.of("c", "deep"))));
    }

    @Test
    void standaloneTagsTakeTheirLineWithThem() throws Exception {
        String template = """
                <ul>
                {{#items}}
                  <li>{{.}}</li>
                {{/items}}
                </ul>
                  {{! a comment }}
                end
                """;
        assertEquals("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend\n", render(template, "items", List.of("a", "b")));
        // Not standalone: the tag shares its line with text.
        assertEquals("x  y\n", render("x {{#t}} y{{/t}}\n", "t", true));
    }

    @Test
    void upstreamsTemplateVolumeScenarioRendersAsExpected() throws Exception {
        String template = """
                <h1>{{header}}</h1>
                <ul>
                {{#items}}
                  <li>{{#url}}<a href="{{url}}">{{/url}}{{name}}{{#url}}</a>{{/url}}</li>
                {{/items}}
                </ul>
                """;
        List<Object> items = List.of(
                Map.of("name", "Milk"), Map.of("name", "Eggs", "url", "https://example.com"), Map.of("name", "Bread"));
        assertEquals("""
                <h1>My XYZ list</h1>
                <ul>
                  <li>Milk</li>
                  <li><a href="https://example.com">Eggs</a></li>
                  <li>Bread</li>
                </ul>
                """, render(template, "header", "My XYZ list", "items", items));
    }

    @Test
    void delimitersCanBeChanged() throws Exception {
        assertEquals("v {{x}}", render("{{=<% %>=}}<% x %> {{x}}", "x", "v"));
    }

    @Test
    void commentsAndPartialsRenderNothing() throws Exception {
        assertEquals("ab", render("a{{! note }}{{> partial}}b"));
    }

    @Test
    void malformedTemplatesAreErrorsNamedLikeUpstreams() {
        assertError("UnexpectedEof: section 'section' opened at line 1, column 1", "{{#section}}hello");
        assertError("UnexpectedEof: tag opened at line 2, column 3", "ok\n  {{name");
        assertError("UnexpectedCloseSection", "{{/a}}");
        assertError("UnexpectedCloseSection", "{{#a}}{{/b}}");
        assertError("InvalidDelimiters", "{{=<%=}}");
        assertError("EmptyTag", "{{ }}");
    }

    private static void assertError(String prefix, String template) {
        Mustache.TemplateException e =
                assertThrows(Mustache.TemplateException.class, () -> Mustache.render(template, Map.of("a", true)));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    /** Nesting is bounded at parse time, before anything renders (the renderer recurses per level). */
    @Test
    void sectionsNestedTooDeepAreRefused() throws Exception {
        String ok = "{{#a}}".repeat(Mustache.MAX_SECTION_DEPTH) + "x" + "{{/a}}".repeat(Mustache.MAX_SECTION_DEPTH);
        assertEquals("x", Mustache.render(ok, Map.of("a", true)));
        String deep = "{{#a}}".repeat(Mustache.MAX_SECTION_DEPTH + 1) + "{{/a}}".repeat(Mustache.MAX_SECTION_DEPTH + 1);
        Mustache.TemplateException e =
                assertThrows(Mustache.TemplateException.class, () -> Mustache.render(deep, Map.of("a", true)));
        assertEquals("SectionsTooDeep: section 'a' at line 1, column 601 is nested more than 100 deep", e.getMessage());
    }

    /** Lists inside lists multiply the output: 2000 x 2000 x 8 characters would be 32 million. */
    @Test
    void outputBeyondTheBoundIsRefused() {
        List<Integer> items = java.util.Collections.nCopies(2000, 1);
        Map<String, Object> context = Map.of("rows", items, "cols", items);
        Mustache.TemplateException e = assertThrows(
                Mustache.TemplateException.class,
                () -> Mustache.render("{{#rows}}{{#cols}}12345678{{/cols}}{{/rows}}", context));
        assertTrue(e.getMessage().startsWith("OutputTooLarge: "), e.getMessage());
    }
}
