package dev.easyto.init.disk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Synthetic Identify Controller answers, laid out as the NVMe specification and EC2 fill them. */
final class IdentifyData {
    private IdentifyData() {}

    static final String EBS_SERIAL = "vol0123456789abcdef0";

    static byte[] ebs(String bdev) {
        return of(0x1D0F, EBS_SERIAL, NvmeController.EBS_MODEL, bdev);
    }

    static byte[] instanceStore(String bdev) {
        return of(0x1D0F, "AWS1A2B3C4D5E6F7G8H9", NvmeController.INSTANCE_STORE_MODEL, bdev);
    }

    /** Serial and model padded with spaces as controllers do; bdev NUL-padded after its text. */
    static byte[] of(int vendorId, String serial, String model, String bdev) {
        byte[] identify = new byte[4096];
        identify[0] = (byte) vendorId;
        identify[1] = (byte) (vendorId >>> 8);
        put(identify, 4, padded(serial, 20, (byte) ' '));
        put(identify, 24, padded(model, 40, (byte) ' '));
        put(identify, 3072, padded(bdev, 32, (byte) 0));
        return identify;
    }

    static byte[] padded(String text, int length, byte pad) {
        byte[] bytes = Arrays.copyOf(text.getBytes(StandardCharsets.ISO_8859_1), length);
        Arrays.fill(bytes, Math.min(text.length(), length), length, pad);
        return bytes;
    }

    private static void put(byte[] identify, int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, identify, offset, bytes.length);
    }
}
