package dev.easyto.init.disk;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A kernel uevent as {@code NETLINK_KOBJECT_UEVENT} group 1 delivers it: {@code
 * action@devpath}, a NUL, then NUL-separated {@code KEY=VALUE} pairs ({@code ACTION}, {@code
 * DEVPATH}, {@code SUBSYSTEM}, {@code DEVNAME}, {@code DEVTYPE}, {@code PARTN}…). Parsing never
 * throws: a datagram that is not one is no event, a pair without {@code =} is left out.
 */
public record Uevent(String action, String devpath, Map<String, String> properties) {
    /** A block device's kernel name as it appears under {@code /dev}: one plain path component. */
    private static final Pattern KERNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:+-]*");

    /** The event in the first {@code length} bytes of {@code buffer}; empty when it is not one. */
    public static Optional<Uevent> parse(byte[] buffer, int length) {
        if (buffer == null || length <= 0) {
            return Optional.empty();
        }
        int end = Math.min(length, buffer.length);
        int headerEnd = nul(buffer, 0, end);
        String header = new String(buffer, 0, headerEnd, StandardCharsets.UTF_8);
        int at = header.indexOf('@');
        if (at <= 0 || at == header.length() - 1) {
            // udev's own messages start "libudev" and are sent to group 2; nothing else is an event.
            return Optional.empty();
        }
        Map<String, String> properties = new LinkedHashMap<>();
        int start = headerEnd + 1;
        while (start < end) {
            int stop = nul(buffer, start, end);
            String pair = new String(buffer, start, stop - start, StandardCharsets.UTF_8);
            int equals = pair.indexOf('=');
            if (equals > 0) {
                properties.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
            start = stop + 1;
        }
        return Optional.of(new Uevent(header.substring(0, at), header.substring(at + 1), Map.copyOf(properties)));
    }

    private static int nul(byte[] buffer, int from, int end) {
        int i = from;
        while (i < end && buffer[i] != 0) {
            i++;
        }
        return i;
    }

    public boolean isAdd() {
        return action.equals("add");
    }

    /** Upstream's filter: an event without {@code SUBSYSTEM} is taken as a block one. */
    public boolean isBlock() {
        String subsystem = properties.get("SUBSYSTEM");
        return subsystem == null || subsystem.equals("block");
    }

    /** {@code DEVNAME} when it is a plain name under {@code /dev} ({@code nvme1n1}). */
    public Optional<String> devname() {
        return plainName(properties.get("DEVNAME"));
    }

    /** {@code DEVTYPE}: {@code disk} or {@code partition} for block devices. */
    public Optional<String> devtype() {
        return Optional.ofNullable(properties.get("DEVTYPE"));
    }

    /** {@code PARTN}, the partition number, when present and a positive number. */
    public OptionalInt partition() {
        String value = properties.get("PARTN");
        if (value == null
                || value.isEmpty()
                || value.length() > 9
                || !value.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        int number = Integer.parseInt(value);
        return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
    }

    /**
     * The disk a partition belongs to: the component of {@code DEVPATH} before the partition's own
     * ({@code /devices/…/block/nvme1n1/nvme1n1p1} gives {@code nvme1n1}).
     */
    public Optional<String> parentName() {
        String path = devpath.endsWith("/") ? devpath.substring(0, devpath.length() - 1) : devpath;
        int last = path.lastIndexOf('/');
        if (last <= 0) {
            return Optional.empty();
        }
        String parent = path.substring(0, last);
        return plainName(parent.substring(parent.lastIndexOf('/') + 1));
    }

    static Optional<String> plainName(String name) {
        return name != null && KERNEL_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
