package dev.easyto.init.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The partition holding {@code /} and its disk, as sysfs describes them: {@code
 * /sys/dev/block/<major>:<minor>} of {@code stat("/")}'s st_dev is the partition's directory (it has a
 * {@code partition} file), its parent directory the disk's. Sysfs gives sizes and starts in
 * 512-byte units whatever the logical block size.
 *
 * @param name the partition's kernel name, e.g. {@code nvme0n1p1}: {@code /dev/<name>}
 * @param number the partition number, the GPT entry's index plus one
 * @param start512 where it starts, in 512-byte units
 * @param size512 its size, in 512-byte units
 * @param disk the disk's kernel name, e.g. {@code nvme0n1}
 * @param diskDevice the disk's {@code major:minor}
 * @param logicalBlockSize the disk's logical block size, 512 or 4096
 * @param diskBytes the disk's size in bytes
 */
public record RootPartition(
        String name,
        int number,
        long start512,
        long size512,
        String disk,
        String diskDevice,
        int logicalBlockSize,
        long diskBytes) {

    /** What looking for the root's partition found. */
    public sealed interface Lookup permits Found, NotPartition {}

    public record Found(RootPartition partition) implements Lookup {}

    /** {@code /} is not on a partition: a tmpfs, a whole disk, a device sysfs does not show. */
    public record NotPartition(String reason) implements Lookup {}

    /**
     * Looks up device {@code major:minor}.
     *
     * @param sys where sysfs is mounted, {@code /sys}
     */
    public static Lookup find(Path sys, int major, int minor) throws IOException {
        String device = major + ":" + minor;
        Path link = sys.resolve("dev/block").resolve(device);
        if (major == 0 || !Files.exists(link)) {
            return new NotPartition("/ is not on a block device (device " + device + ")");
        }
        Path partition = link.toRealPath();
        if (!Files.exists(partition.resolve("partition"))) {
            return new NotPartition("/ is on " + partition.getFileName() + ", a whole disk, not a partition");
        }
        Path disk = partition.getParent();
        long diskSize512 = number(disk.resolve("size"));
        return new Found(new RootPartition(
                partition.getFileName().toString(),
                Math.toIntExact(number(partition.resolve("partition"))),
                number(partition.resolve("start")),
                number(partition.resolve("size")),
                disk.getFileName().toString(),
                text(disk.resolve("dev")),
                Math.toIntExact(number(disk.resolve("queue/logical_block_size"))),
                Math.multiplyExact(diskSize512, 512)));
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    private static long number(Path file) throws IOException {
        String text = text(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds \"" + text + "\", not a number", e);
        }
    }

    /** The disk's size in logical blocks. */
    public long diskSectors() {
        return diskBytes / logicalBlockSize;
    }
}
