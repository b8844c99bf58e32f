package dev.easyto.init.linux;

/**
 * What {@code stat} says of a file that the init uses: the device it is on ({@code st_dev}), the
 * device a device node is ({@code st_rdev}) and its type and mode ({@code st_mode}).
 */
public record FileStatus(long device, long rdev, int mode) {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    public boolean isBlockDevice() {
        return (mode & S_IFMT) == S_IFBLK;
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
