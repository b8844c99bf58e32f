package dev.easyto.init.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DHCP option 119 (RFC 3397): a list of domain names in DNS wire format, where a name may end in
 * a compression pointer to an earlier name's suffix, counted from the start of the option data.
 */
final class DomainSearch {
    private static final int MAX_NAME_BYTES = 255;
    private static final int MAX_LABEL_BYTES = 63;

    private DomainSearch() {}

    /**
     * The names, without a trailing dot.
     *
     * @throws IllegalArgumentException for a truncated list, a reserved label type or a pointer that
     *     does not point backwards (which could loop)
     */
    static List<String> decode(byte[] data) {
        List<String> names = new ArrayList<>();
        int at = 0;
        while (at < data.length) {
            StringBuilder name = new StringBuilder();
            at = readName(data, at, name);
            if (!name.isEmpty()) {
                names.add(name.toString());
            }
        }
        return names;
    }

    /** Appends the name at {@code start} and returns where the next name begins. */
    private static int readName(byte[] data, int start, StringBuilder name) {
        int at = start;
        int next = -1;
        int wireBytes = 0;
        while (true) {
            if (at >= data.length) {
                throw new IllegalArgumentException("domain search list ends inside a name at byte " + at);
            }
            int length = data[at] & 0xFF;
            if (length == 0) {
                return next < 0 ? at + 1 : next;
            }
            switch (length >> 6) {
                case 0 -> {
                    if (at + 1 + length > data.length) {
                        throw new IllegalArgumentException("domain search label runs past the option at byte " + at);
                    }
                    wireBytes += length + 1;
                    if (wireBytes > MAX_NAME_BYTES || length > MAX_LABEL_BYTES) {
                        throw new IllegalArgumentException("domain search name longer than 255 bytes");
                    }
                    if (!name.isEmpty()) {
                        name.append('.');
                    }
                    name.append(new String(data, at + 1, length, StandardCharsets.US_ASCII));
                    at += 1 + length;
                }
                case 3 -> {
                    if (at + 1 >= data.length) {
                        throw new IllegalArgumentException("domain search pointer cut short at byte " + at);
                    }
                    int target = ((length & 0x3F) << 8) | (data[at + 1] & 0xFF);
                    // Only backwards, to a name already seen: a pointer forwards or to itself could loop.
                    if (target >= at) {
                        throw new IllegalArgumentException("domain search pointer at byte " + at
                                + " does not point backwards (to " + target + ")");
                    }
                    if (next < 0) {
                        next = at + 2;
                    }
                    at = target;
                }
                default -> throw new IllegalArgumentException("reserved label type in domain search at byte " + at);
            }
        }
    }
}
