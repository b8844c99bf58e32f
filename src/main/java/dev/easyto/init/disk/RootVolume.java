package dev.easyto.init.disk;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileStatus;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Grows the root volume: the partition holding {@code /} to the end of its GPT disk, then its
 * filesystem. Every check that can refuse comes before the disk is opened for writing: {@code /}
 * is on a partition of an ext2/3/4 filesystem, the device nodes are the devices sysfs names (the
 * partition's is {@code stat("/")}'s st_dev), the GPT verifies in both copies, and its entry for
 * the partition is where the kernel says the partition is. The table is read again through the
 * writable descriptor and must be the same before anything is written.
 */
public final class RootVolume {
    private static final Set<String> RESIZABLE = Set.of("ext2", "ext3", "ext4");

    /** The filesystem's own growth, run once the partition has grown: the image's resize2fs. */
    @FunctionalInterface
    public interface FilesystemGrowth {
        void grow(String device) throws RootGrowthException;
    }

    /** What {@link #grow} did. */
    public sealed interface Result permits Grew, Nothing {}

    public record Grew(String detail) implements Result {}

    public record Nothing(String reason) implements Result {}

    private final BlockCalls calls;
    private final Path sys;
    private final Path mounts;
    private final String dev;

    /**
     * Over these system calls and places.
     *
     * @param sys sysfs, {@code /sys}
     * @param mounts the mount table, {@code /proc/self/mounts}
     * @param dev where the device nodes are, {@code /dev}
     */
    public RootVolume(BlockCalls calls, Path sys, Path mounts, String dev) {
        this.calls = calls;
        this.sys = sys;
        this.mounts = mounts;
        this.dev = dev;
    }

    public Result grow(FilesystemGrowth filesystem) throws RootGrowthException {
        try {
            return growChecked(filesystem);
        } catch (IOException | SyscallException | IllegalStateException e) {
            throw new RootGrowthException(e.getMessage(), e);
        } catch (GptException e) {
            throw new RootGrowthException("GPT not written: " + e.getMessage(), e);
        }
    }

    private Result growChecked(FilesystemGrowth filesystem) throws IOException, GptException, RootGrowthException {
        long rootDevice = calls.stat("/").device();
        RootPartition.Lookup lookup =
                RootPartition.find(sys, FileStatus.major(rootDevice), FileStatus.minor(rootDevice));
        if (lookup instanceof RootPartition.NotPartition(String reason)) {
            return new Nothing(reason);
        }
        RootPartition root = ((RootPartition.Found) lookup).partition();
        String type = rootType();
        if (!RESIZABLE.contains(type)) {
            return new Nothing("/ is " + type + ", which only resize2fs's ext2/3/4 could grow");
        }
        String partitionPath = dev + "/" + root.name();
        String diskPath = dev + "/" + root.disk();
        checkNode(partitionPath, FileStatus.numbers(rootDevice));
        checkNode(diskPath, root.diskDevice());
        GptGrowth.Plan plan;
        GptTable table;
        int fd = calls.open(diskPath, false);
        try {
            DiskImage disk = new BlockDisk(calls, fd, diskPath);
            if (!isGpt(disk, root.logicalBlockSize())) {
                return new Nothing(root.disk() + " has no GPT");
            }
            table = GptTable.read(disk, root.logicalBlockSize(), root.diskSectors());
            checkAgreesWithKernel(table, root);
            plan = GptGrowth.plan(table, root.number());
        } finally {
            calls.close(fd);
        }
        if (plan instanceof GptGrowth.Nothing(String reason)) {
            return new Nothing(reason);
        }
        GptGrowth.Grow grow = (GptGrowth.Grow) plan;
        fd = calls.open(diskPath, true);
        try {
            DiskImage disk = new BlockDisk(calls, fd, diskPath);
            GptTable again = GptTable.read(disk, root.logicalBlockSize(), root.diskSectors());
            if (!sameTable(table, again)) {
                throw new GptException(root.disk() + "'s GPT changed while it was read");
            }
            GptGrowth.apply(disk, again, grow);
            calls.resizePartition(fd, root.number(), grow.firstLba() * grow.sectorSize(), grow.newBytes());
        } finally {
            calls.close(fd);
        }
        filesystem.grow(partitionPath);
        return new Grew("grew " + root.name() + " from " + mib(grow.oldBytes()) + " to " + mib(grow.newBytes())
                + " and its filesystem");
    }

    private static boolean isGpt(DiskImage disk, int sectorSize) {
        byte[] signature = new byte[GptHeader.SIGNATURE.length];
        disk.read(sectorSize, signature);
        return Arrays.equals(signature, GptHeader.SIGNATURE);
    }

    /** The device node must be the device sysfs names, or the wrong disk would be written. */
    private void checkNode(String path, String numbers) throws RootGrowthException {
        FileStatus node = calls.stat(path);
        if (!node.isBlockDevice() || !FileStatus.numbers(node.rdev()).equals(numbers)) {
            throw new RootGrowthException(path + " is not block device " + numbers);
        }
    }

    private static void checkAgreesWithKernel(GptTable table, RootPartition root) throws GptException {
        long blocks512 = table.sectorSize() / 512;
        for (GptEntry entry : table.partitions()) {
            if (entry.number() == root.number()) {
                if (entry.firstLba() * blocks512 != root.start512() || entry.sectors() * blocks512 != root.size512()) {
                    throw new GptException("partition " + root.number() + " is at LBA " + entry.firstLba() + "-"
                            + entry.lastLba() + " in the GPT but elsewhere for the kernel (" + root.name()
                            + " starts at " + root.start512() + " and has " + root.size512() + " 512-byte sectors)");
                }
                return;
            }
        }
        throw new GptException("the GPT has no partition " + root.number() + " (" + root.name() + ")");
    }

    private static boolean sameTable(GptTable one, GptTable other) {
        return one.primary().headerCrc() == other.primary().headerCrc()
                && one.backup().headerCrc() == other.backup().headerCrc()
                && one.partitions().equals(other.partitions());
    }

    /** The type of the last filesystem mounted on {@code /}, the one that is visible. */
    private String rootType() throws IOException {
        String type = "unknown";
        for (String line : Files.readAllLines(mounts, StandardCharsets.UTF_8)) {
            List<String> fields = List.of(line.split(" "));
            if (fields.size() >= 3 && fields.get(1).equals("/")) {
                type = fields.get(2);
            }
        }
        return type;
    }

    private static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
