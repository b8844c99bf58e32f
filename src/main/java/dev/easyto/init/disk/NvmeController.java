package dev.easyto.init.disk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of an NVMe Identify Controller answer (4096 bytes) that EC2 naming needs: the PCI
 * vendor id (bytes 0-1, little endian), the serial number (bytes 4-23) and model number (24-63),
 * ASCII padded with spaces, and the start of the vendor-specific area (byte 3072), where EC2 writes
 * the device name of the block device mapping ({@code sdf}, {@code /dev/sdf}, {@code
 * ephemeral0:sdf}, {@code ephemeral0:none}...), 32 bytes ending at the first NUL or space.
 *
 * <p>Everything here is read from a device, so nothing is trusted: a name that could leave {@code
 * /dev} or is not a plain device name is no name.
 */
public record NvmeController(int vendorId, String serial, String model, String bdev) {
    /** Amazon's PCI vendor id, which EBS and instance-store controllers report. */
    public static final int AMAZON_VENDOR_ID = 0x1D0F;

    public static final String EBS_MODEL = "Amazon Elastic Block Store";
    public static final String INSTANCE_STORE_MODEL = "Amazon EC2 NVMe Instance Storage";

    private static final int SERIAL_OFFSET = 4;
    private static final int SERIAL_BYTES = 20;
    private static final int MODEL_OFFSET = 24;
    private static final int MODEL_BYTES = 40;
    private static final int VENDOR_SPECIFIC_OFFSET = 3072;
    private static final int BDEV_BYTES = 32;
    private static final int IDENTIFY_BYTES = VENDOR_SPECIFIC_OFFSET + 1024;

    /** What can safely name a file in {@code /dev}: no slash, no dot first, so never {@code ..}. */
    private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    /** An EBS serial: {@code vol} and the hex digits of the volume id, without its dash. */
    private static final Pattern EBS_SERIAL = Pattern.compile("vol([0-9a-f]{8,32})");

    private static final String DEV_PREFIX = "/dev/";
    private static final String NO_DEVICE = "none";

    /** What kind of Amazon NVMe device, by model number. */
    public enum Kind {
        EBS,
        INSTANCE_STORE
    }

    /** The fields of {@code identify}; empty when it is null or shorter than the 4096 bytes. */
    public static Optional<NvmeController> parse(byte[] identify) {
        if (identify == null || identify.length < IDENTIFY_BYTES) {
            return Optional.empty();
        }
        int vendorId = (identify[0] & 0xFF) | (identify[1] & 0xFF) << 8;
        String serial = trimmed(identify, SERIAL_OFFSET, SERIAL_BYTES);
        String model = trimmed(identify, MODEL_OFFSET, MODEL_BYTES);
        return Optional.of(new NvmeController(vendorId, serial, model, bdev(identify)));
    }

    /** EBS or instance store when both the vendor id and the model number are Amazon's. */
    public Optional<Kind> amazonKind() {
        if (vendorId != AMAZON_VENDOR_ID) {
            return Optional.empty();
        }
        return switch (model) {
            case EBS_MODEL -> Optional.of(Kind.EBS);
            case INSTANCE_STORE_MODEL -> Optional.of(Kind.INSTANCE_STORE);
            default -> Optional.empty();
        };
    }

    /**
     * The EC2 name for {@code /dev}: the device name of the mapping, else its virtual name ({@code
     * ephemeral0} when the device name is {@code none}), without {@code /dev/}; empty when there is
     * neither, or when what is there is not a plain device name.
     */
    public Optional<String> ec2Name() {
        return ec2Name(bdev);
    }

    /** {@link #ec2Name()} for a {@code bdev} value, as read up to its first NUL or space. */
    static Optional<String> ec2Name(String bdev) {
        String virtualName = "";
        String deviceName = bdev;
        int colon = bdev.indexOf(':');
        if (colon >= 0) {
            virtualName = withoutDev(bdev.substring(0, colon));
            deviceName = bdev.substring(colon + 1);
        }
        deviceName = withoutDev(deviceName);
        if (deviceName.equals(NO_DEVICE)) {
            deviceName = "";
        }
        String name = deviceName.isEmpty() ? virtualName : deviceName;
        return DEVICE_NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    /** {@code vol-0123…} from an EBS serial {@code vol0123…}; empty for any other serial. */
    public Optional<String> volumeId() {
        var matcher = EBS_SERIAL.matcher(serial);
        return matcher.matches() ? Optional.of("vol-" + matcher.group(1)) : Optional.empty();
    }

    /** For a log line about a device that is not named: vendor and model as it reported them. */
    public String describe() {
        return String.format("vendor 0x%04x, model \"%s\"", vendorId, printable(model));
    }

    private static String withoutDev(String name) {
        return name.startsWith(DEV_PREFIX) ? name.substring(DEV_PREFIX.length()) : name;
    }

    private static String bdev(byte[] identify) {
        int end = VENDOR_SPECIFIC_OFFSET;
        while (end < VENDOR_SPECIFIC_OFFSET + BDEV_BYTES && identify[end] != 0 && identify[end] != ' ') {
            end++;
        }
        return new String(identify, VENDOR_SPECIFIC_OFFSET, end - VENDOR_SPECIFIC_OFFSET, StandardCharsets.ISO_8859_1);
    }

    /** ASCII padded with spaces (NULs on some controllers), both trimmed from either end. */
    private static String trimmed(byte[] identify, int offset, int length) {
        int start = offset;
        int end = offset + length;
        while (start < end && isPadding(identify[start])) {
            start++;
        }
        while (end > start && isPadding(identify[end - 1])) {
            end--;
        }
        return new String(Arrays.copyOfRange(identify, start, end), StandardCharsets.ISO_8859_1);
    }

    private static boolean isPadding(byte b) {
        return b == ' ' || b == 0;
    }

    /** Control characters from a device shown as '?', so a log line stays one line. */
    static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.chars().forEach(c -> shown.append(c < 0x20 || c >= 0x7F ? '?' : (char) c));
        return shown.toString();
    }
}
