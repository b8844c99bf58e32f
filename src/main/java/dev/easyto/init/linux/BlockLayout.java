package dev.easyto.init.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What both {@link BlockCalls} backends share: the x86_64 layouts of {@code
 * struct blkpg_partition} and {@code struct blkpg_ioctl_arg} (linux/blkpg.h), the open flags, and
 * the argument texts of their {@link SyscallException}s, so that both say the same.
 */
public final class BlockLayout {
    /** {@code ioctl} request: _IO(0x12, 105). */
    public static final long BLKPG = 0x1269;

    static final int BLKPG_RESIZE_PARTITION = 3;

    /** start, length (long long), pno (int), devname and volname (char[64]), padded to 8. */
    public static final int PARTITION_BYTES = 152;

    private static final int PARTITION_PNO = 16;

    /** op, flags, datalen (int), then the data pointer at offset 16. */
    public static final int IOCTL_ARG_BYTES = 24;

    private static final int IOCTL_ARG_DATA = 16;

    private BlockLayout() {}

    public static int openFlags(boolean write) {
        return (write ? LinuxConstants.O_RDWR : LinuxConstants.O_RDONLY) | LinuxConstants.O_CLOEXEC;
    }

    public static String open(String path, boolean write) {
        return CallFormat.pathAndFlags(path, openFlags(write));
    }

    public static String atOffset(int fd, int count, long offset) {
        return fd + ", " + count + ", " + offset;
    }

    public static String resize(int fd, int number, long startBytes, long lengthBytes) {
        return fd + ", BLKPG, {BLKPG_RESIZE_PARTITION, pno=" + number + ", start=" + startBytes + ", length="
                + lengthBytes + "}";
    }

    /** A {@code struct blkpg_partition} with no device or volume name (the kernel ignores them). */
    public static byte[] partition(int number, long startBytes, long lengthBytes) {
        byte[] partition = new byte[PARTITION_BYTES];
        ByteBuffer le = ByteBuffer.wrap(partition).order(ByteOrder.LITTLE_ENDIAN);
        le.putLong(0, startBytes);
        le.putLong(8, lengthBytes);
        le.putInt(PARTITION_PNO, number);
        return partition;
    }

    /** A {@code struct blkpg_ioctl_arg} for a resize, its data pointing at {@code partitionAddress}. */
    public static byte[] resizeArg(long partitionAddress) {
        byte[] arg = new byte[IOCTL_ARG_BYTES];
        ByteBuffer le = ByteBuffer.wrap(arg).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt(0, BLKPG_RESIZE_PARTITION);
        le.putInt(4, 0);
        le.putInt(8, PARTITION_BYTES);
        le.putLong(IOCTL_ARG_DATA, partitionAddress);
        return arg;
    }
}
