package dev.easyto.init.volume;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The Mustache that upstream's template volumes render (its mustache-zig): interpolation ({@code
 * {{x}}} HTML-escaped, {@code {{{x}}}} and {@code {{&x}}} raw), sections, inverted sections,
 * comments, delimiter changes, dotted names and {@code {{.}}}; no partials (a partial tag renders
 * nothing) and no lambdas. Tags that stand alone on a line take the line with them, as the
 * Mustache spec says. Errors carry upstream's names ({@code UnexpectedEof}), which tests and
 * people match on.
 *
 * <p>Held to the official Mustache spec by {@code MustacheSpecTest}: every case of comments,
 * delimiters, interpolation, inverted and sections passes except the two delimiter cases that need
 * partials. It is kept rather than a library because jmustache (116 of those 124 cases) and
 * mustache.java (100) pass fewer, and because it uses no reflection, so the native image needs no
 * configuration for it.
 */
public final class Mustache {
    /** Stands in for a null list item or root on the context stack, which an ArrayDeque cannot hold. */
    private static final Object NULL = new Object();

    /**
     * Bounds on what a template may cost PID 1, which renders it in its own memory: sections nested
     * deeper than any real configuration file needs, and output (sections over lists multiply: a
     * 1000-item list inside another makes a million copies) larger than a file the init should
     * hold in memory to write.
     */
    static final int MAX_SECTION_DEPTH = 100;

    static final int MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

    private Mustache() {}

    /** A template that cannot be parsed; the message starts with upstream's error name. */
    public static final class TemplateException extends Exception {
        private static final long serialVersionUID = 1L;

        TemplateException(String name, String detail) {
            super(name + ": " + detail);
        }
    }

    private sealed interface Node {}

    private record Text(String text) implements Node {}

    private record Variable(String name, boolean escaped) implements Node {}

    private record Section(String name, boolean inverted, List<Node> children) implements Node {}

    private record OpenSection(String name, String where) {}

    /**
     * Renders {@code template} with {@code context}, plain YAML data: for template volumes a mapping
     * of string keys, though any value (a list, a string) is a valid root, as the spec has it.
     */
    public static String render(String template, Object context) throws TemplateException {
        List<Node> nodes = parse(template);
        StringBuilder out = new StringBuilder(template.length());
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(context == null ? NULL : context);
        render(nodes, stack, out);
        return out.toString();
    }

    private static List<Node> parse(String template) throws TemplateException {
        String open = "{{";
        String close = "}}";
        Deque<List<Node>> levels = new ArrayDeque<>();
        Deque<OpenSection> openSections = new ArrayDeque<>();
        List<Node> current = new ArrayList<>();
        int pos = 0;
        while (pos < template.length()) {
            int tagStart = template.indexOf(open, pos);
            if (tagStart < 0) {
                current.add(new Text(template.substring(pos)));
                break;
            }
            int contentStart = tagStart + open.length();
            char kind = contentStart < template.length() ? template.charAt(contentStart) : 0;
            String closing = close;
            if (kind == '{' && open.equals("{{")) {
                closing = "}" + close;
            }
            int contentEnd = template.indexOf(closing, contentStart);
            if (contentEnd < 0) {
                throw new TemplateException(
                        "UnexpectedEof", "tag opened at " + where(template, tagStart) + " is never closed");
            }
            int tagEnd = contentEnd + closing.length();
            String content = template.substring(contentStart, contentEnd);
            boolean standaloneKind = "#^/!=>".indexOf(kind) >= 0 && kind != 0;
            int lineStart = template.lastIndexOf('\n', tagStart - 1) + 1;
            int after = standaloneKind ? standaloneEnd(template, pos, lineStart, tagStart, tagEnd) : -1;
            int textEnd = after >= 0 ? lineStart : tagStart;
            if (textEnd > pos) {
                current.add(new Text(template.substring(pos, textEnd)));
            }
            pos = after >= 0 ? after : tagEnd;
            switch (kind) {
                case '!', '>' -> {}
                case '=' -> {
                    String spec = content.substring(1);
                    if (!spec.endsWith("=")) {
                        throw new TemplateException("InvalidDelimiters", "at " + where(template, tagStart));
                    }
                    String[] parts =
                            spec.substring(0, spec.length() - 1).strip().split("\\s+", -1);
                    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                        throw new TemplateException("InvalidDelimiters", "at " + where(template, tagStart));
                    }
                    open = parts[0];
                    close = parts[1];
                }
                case '#', '^' -> {
                    String name = name(content.substring(1), template, tagStart);
                    Section section = new Section(name, kind == '^', new ArrayList<>());
                    current.add(section);
                    if (levels.size() >= MAX_SECTION_DEPTH) {
                        throw new TemplateException(
                                "SectionsTooDeep",
                                "section '" + name + "' at " + where(template, tagStart) + " is nested more than "
                                        + MAX_SECTION_DEPTH + " deep");
                    }
                    levels.push(current);
                    openSections.push(new OpenSection(name, where(template, tagStart)));
                    current = section.children();
                }
                case '/' -> {
                    String name = name(content.substring(1), template, tagStart);
                    if (openSections.isEmpty() || !openSections.peek().name().equals(name)) {
                        throw new TemplateException(
                                "UnexpectedCloseSection",
                                "{{/" + name + "}} at " + where(template, tagStart) + " closes no open section");
                    }
                    openSections.pop();
                    current = levels.pop();
                }
                case '{', '&' -> current.add(new Variable(name(content.substring(1), template, tagStart), false));
                default -> current.add(new Variable(name(content, template, tagStart), true));
            }
        }
        if (!openSections.isEmpty()) {
            OpenSection unclosed = openSections.peek();
            throw new TemplateException(
                    "UnexpectedEof",
                    "section '" + unclosed.name() + "' opened at " + unclosed.where() + " is never closed");
        }
        return current;
    }

    /**
     * Where the text after a standalone tag resumes (past its line end), or -1 when the tag shares
     * its line with anything but blanks.
     */
    private static int standaloneEnd(String template, int pos, int lineStart, int tagStart, int tagEnd) {
        if (lineStart < pos || !blank(template, lineStart, tagStart)) {
            return -1;
        }
        int i = tagEnd;
        while (i < template.length() && (template.charAt(i) == ' ' || template.charAt(i) == '\t')) {
            i++;
        }
        if (i == template.length()) {
            return i;
        }
        if (template.charAt(i) == '\n') {
            return i + 1;
        }
        if (template.startsWith("\r\n", i)) {
            return i + 2;
        }
        return -1;
    }

    private static boolean blank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String name(String raw, String template, int at) throws TemplateException {
        String name = raw.strip();
        if (name.isEmpty()) {
            throw new TemplateException("EmptyTag", "at " + where(template, at));
        }
        return name;
    }

    private static String where(String template, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (template.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    private static void render(List<Node> nodes, Deque<Object> stack, StringBuilder out) throws TemplateException {
        for (Node node : nodes) {
            if (out.length() > MAX_OUTPUT_CHARS) {
                throw new TemplateException(
                        "OutputTooLarge", "the template renders to more than " + MAX_OUTPUT_CHARS + " characters");
            }
            switch (node) {
                case Text text -> out.append(text.text());
                case Variable variable -> {
                    String value = text(lookup(variable.name(), stack));
                    out.append(variable.escaped() ? escape(value) : value);
                }
                case Section section -> {
                    Object value = lookup(section.name(), stack);
                    if (section.inverted()) {
                        if (!truthy(value)) {
                            render(section.children(), stack, out);
                        }
                    } else if (value instanceof List<?> list) {
                        for (Object item : list) {
                            stack.push(item == null ? NULL : item);
                            render(section.children(), stack, out);
                            stack.pop();
                        }
                    } else if (truthy(value)) {
                        stack.push(value);
                        render(section.children(), stack, out);
                        stack.pop();
                    }
                }
            }
        }
    }

    private static Object lookup(String name, Deque<Object> stack) {
        if (name.equals(".")) {
            Object top = stack.peek();
            return top == NULL ? null : top;
        }
        String[] parts = name.split("\\.", -1);
        Object value = null;
        boolean found = false;
        for (Object frame : stack) {
            if (frame instanceof Map<?, ?> map && map.containsKey(parts[0])) {
                value = map.get(parts[0]);
                found = true;
                break;
            }
        }
        if (!found) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(parts[i]);
        }
        return value;
    }

    private static boolean truthy(Object value) {
        return value != null
                && value != NULL
                && !Boolean.FALSE.equals(value)
                && !(value instanceof List<?> list && list.isEmpty());
    }

    private static String text(Object value) {
        if (value == null || value == NULL || value instanceof Map<?, ?> || value instanceof List<?>) {
            return "";
        }
        return value.toString();
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
