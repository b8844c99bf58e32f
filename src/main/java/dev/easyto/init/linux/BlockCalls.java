package dev.easyto.init.linux;

/**
 * Block devices: what growing the root partition needs. Reads and writes at an offset ({@code
 * pread}, {@code pwrite}) because a GPT lives at both ends of a disk; {@code fsync} so the table is
 * on the disk before the kernel is told; {@code BLKPG} to resize a partition of a disk in use,
 * which re-reading the whole table cannot do while a partition is mounted. A failed call throws
 * {@link SyscallException}.
 */
public interface BlockCalls {

    /** {@code stat(path)}: the device it is on and, for a device node, the device it is. */
    FileStatus stat(String path);

    /** Opens a block device read-only, or read-write, close-on-exec. */
    int open(String path, boolean write);

    void close(int fd);

    /** Reads up to {@code count} bytes at {@code offset} into the start of {@code buffer}. */
    int pread(int fd, byte[] buffer, int count, long offset);

    /** Writes up to {@code count} bytes of {@code buffer} at {@code offset}; returns how many. */
    int pwrite(int fd, byte[] buffer, int count, long offset);

    void fsync(int fd);

    /**
     * {@code ioctl(fd, BLKPG, {BLKPG_RESIZE_PARTITION, ...})}: partition {@code number} of the disk
     * open on {@code fd} becomes {@code lengthBytes} long from {@code startBytes}, which must be
     * where it starts now.
     */
    void resizePartition(int fd, int number, long startBytes, long lengthBytes);
}
