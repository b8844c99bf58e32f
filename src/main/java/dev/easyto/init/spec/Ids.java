package dev.easyto.init.spec;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * User and group ids as Linux takes them: 0 to 4294967294. The one value above, -1 as a 32-bit
 * int, means "leave unchanged" to setresuid, setresgid and chown, so as an id it would keep the
 * command running as root.
 */
public final class Ids {
    public static final long MAX = 0xFFFF_FFFEL;
    static final String RANGE =
            "between 0 and " + MAX + " (" + (MAX + 1) + " means \"unchanged\" to Linux, which" + " would keep root)";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

    private Ids() {}

    /** The id {@code text} spells in decimal, if it is one in range. */
    public static OptionalLong parse(String text) {
        if (!DIGITS.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(text);
        return id <= MAX ? OptionalLong.of(id) : OptionalLong.empty();
    }

    static boolean isNumeric(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
