package dev.easyto.init.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * What {@code stat} says of a file that the init uses: the device it is on ({@code st_dev}), the
 * device a device node is ({@code st_rdev}), its type and mode ({@code st_mode}) and its owner
 * ({@code st_uid}, {@code st_gid}). Both backends of {@code stat} and {@code fstatat} read the
 * buffer with {@link #of}, the one place that knows the x86_64 {@code struct stat}.
 */
public record FileStatus(long device, long rdev, int mode, long uid, long gid) {
    /** {@code sizeof(struct stat)} on x86_64. */
    public static final int STAT_BYTES = 144;

    private static final int STAT_DEV = 0;
    private static final int STAT_MODE = 24;
    private static final int STAT_UID = 28;
    private static final int STAT_GID = 32;
    private static final int STAT_RDEV = 40;

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    /** A status whose owner does not matter to the caller: root's. */
    public FileStatus(long device, long rdev, int mode) {
        this(device, rdev, mode, 0, 0);
    }

    /** Reads a {@code struct stat} as the kernel filled it. */
    public static FileStatus of(byte[] stat) {
        ByteBuffer le = ByteBuffer.wrap(stat).order(ByteOrder.LITTLE_ENDIAN);
        return new FileStatus(
                le.getLong(STAT_DEV),
                le.getLong(STAT_RDEV),
                le.getInt(STAT_MODE),
                Integer.toUnsignedLong(le.getInt(STAT_UID)),
                Integer.toUnsignedLong(le.getInt(STAT_GID)));
    }

    public boolean isBlockDevice() {
        return (mode & S_IFMT) == S_IFBLK;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymbolicLink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** glibc's gnu_dev_major: bits 8-19 and 32-43. */
    public static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** glibc's gnu_dev_minor: bits 0-7 and 20-31. */
    public static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }

    /** {@code major:minor}, as sysfs writes a device number. */
    public static String numbers(long dev) {
        return major(dev) + ":" + minor(dev);
    }
}
