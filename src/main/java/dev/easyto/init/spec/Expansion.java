package dev.easyto.init.spec;

import java.util.function.Function;

/**
 * {@code $(VAR)} expansion with Kubernetes' rules for dependent environment variables: {@code $$}
 * is a literal {@code $} (so {@code $$(X)} yields {@code $(X)}), {@code $(NAME)} is replaced when
 * NAME is known and kept verbatim when not, an unterminated {@code $(} is kept, and substituted text
 * is never scanned again.
 */
public final class Expansion {
    private Expansion() {}

    /**
     * Expands every {@code $(NAME)} of {@code input} once.
     *
     * @param lookup returns the value of a name, or null when the name is unknown
     */
    public static String expand(String input, Function<String, String> lookup) {
        if (input.indexOf('$') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    // Kubernetes keeps "$(" and goes on scanning after it.
                    out.append("$(");
                    i += 2;
                    continue;
                }
                String name = input.substring(i + 2, close);
                String value = name.isEmpty() ? null : lookup.apply(name);
                out.append(value != null ? value : "$(" + name + ")");
                i = close + 1;
            } else {
                out.append(c).append(next);
                i += 2;
            }
        }
        return out.toString();
    }
}
