package dev.easyto.init.spec;

import static dev.easyto.init.spec.UserDataReaderTest.onlyError;
import static dev.easyto.init.spec.UserDataReaderTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Template variables are any YAML value, kept as plain data: what YAML aliases can make of them
 * must stay finite and small, or reading user data would exhaust PID 1's stack or memory.
 */
class TemplateVariablesTest {

    private static String template(String variables) {
        return """
                volumes:
                  - template:
                      content: "{{a}}"
                      mount: {destination: /out}
                      variables: %s
                """.formatted(variables);
    }

    @Test
    void anAliasThatMakesAValueContainItselfIsAnError() {
        // Before the check, walking this sequence recursed until StackOverflowError.
        SpecProblem problem = onlyError(template("&self [a, *self]"));
        assertEquals("volumes[0].template.variables", problem.path());
        assertEquals("a YAML alias makes this value contain itself", problem.message());
        assertEquals(5, problem.line());
    }

    @Test
    void aMappingThatContainsItselfIsAnErrorToo() {
        SpecProblem problem = onlyError(template("&self {a: 1, again: *self}"));
        assertEquals("a YAML alias makes this value contain itself", problem.message());
    }

    @Test
    void aliasesExpandingBeyondTheBoundAreAnError() {
        // Seven levels of seven aliases: 49, under SnakeYAML's limit of 50, yet 7^8 leaves.
        StringBuilder levels = new StringBuilder("{l0: &l0 [x, x, x, x, x, x, x]");
        for (int level = 1; level <= 7; level++) {
            String previous = "*l" + (level - 1);
            levels.append(
                    ", l%d: &l%d [%s]".formatted(level, level, String.join(", ", Collections.nCopies(7, previous))));
        }
        String document = template(levels.append("}").toString());
        SpecProblem problem = onlyError(document);
        assertEquals("volumes[0].template.variables", problem.path());
        assertEquals(
                "expands to more than " + NodeValues.MAX_PLAIN_VALUES + " values through YAML aliases",
                problem.message());
    }

    @Test
    void aliasesWithinTheBoundAreExpanded() throws SpecException {
        UserData data = parse(template("{shared: &shared {b: c}, one: *shared, two: *shared, list: [*shared]}"));
        Volume.Template volume = (Volume.Template) data.volumes().getFirst();
        Map<?, ?> variables = (Map<?, ?>) volume.variables();
        assertEquals(Map.of("b", "c"), variables.get("one"));
        assertEquals(Map.of("b", "c"), variables.get("two"));
        assertEquals(List.of(Map.of("b", "c")), variables.get("list"));
    }
}
