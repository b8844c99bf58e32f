package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.disk.GptImages.Part;
import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileStatus;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole growth over a sysfs tree and device nodes made here, with system calls on an image
 * file: what is opened for writing, and when nothing may be.
 */
class RootVolumeTest {
    private static final long MIB = 1024 * 1024;
    private static final int MAJOR = 254;
    private static final long DISK_DEV = (MAJOR << 8);
    private static final long PART_DEV = (MAJOR << 8) | 1;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;

    @TempDir
    Path dir;

    private Path image;
    private Path sys;
    private Path mounts;
    private FakeBlock calls;
    private final List<String> resized = new ArrayList<>();

    @BeforeEach
    void disk() throws IOException {
        image = dir.resolve("disk.img");
        GptImages.write(image, 512, 32 * 2048, new Part(2048, 18 * 2048 - 1, "root"));
        GptImages.grow(image, 256 * MIB);
        sys = dir.resolve("sys");
        Path disk = sys.resolve("devices/virtual/block/vda");
        Path part = disk.resolve("vda1");
        Files.createDirectories(part);
        Files.createDirectories(disk.resolve("queue"));
        Files.writeString(disk.resolve("dev"), MAJOR + ":0\n");
        Files.writeString(disk.resolve("size"), (256 * MIB / 512) + "\n");
        Files.writeString(disk.resolve("queue/logical_block_size"), "512\n");
        Files.writeString(part.resolve("partition"), "1\n");
        Files.writeString(part.resolve("start"), "2048\n");
        Files.writeString(part.resolve("size"), (17 * 2048) + "\n");
        Files.createDirectories(sys.resolve("dev/block"));
        Files.createSymbolicLink(sys.resolve("dev/block/" + MAJOR + ":0"), disk);
        Files.createSymbolicLink(sys.resolve("dev/block/" + MAJOR + ":1"), part);
        mounts = dir.resolve("mounts");
        Files.writeString(mounts, "rootfs / rootfs rw 0 0\n/dev/vda1 / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n");
        calls = new FakeBlock(image);
        calls.stats.put("/", new FileStatus(PART_DEV, 0, S_IFDIR));
        calls.stats.put("/dev/vda1", new FileStatus(5, PART_DEV, S_IFBLK));
        calls.stats.put("/dev/vda", new FileStatus(5, DISK_DEV, S_IFBLK));
    }

    private RootVolume.Result grow() throws RootGrowthException {
        return new RootVolume(calls, sys, mounts, "/dev").grow(resized::add);
    }

    @Test
    void growsThePartitionTellsTheKernelAndGrowsTheFilesystem() throws Exception {
        RootVolume.Grew grew = assertInstanceOf(RootVolume.Grew.class, grow());
        assertEquals("grew vda1 from 17 MiB to 254 MiB and its filesystem", grew.detail());
        assertEquals(List.of("/dev/vda1"), resized);
        assertEquals(List.of("/dev/vda ro", "/dev/vda rw"), calls.opened);
        assertEquals(List.of("1 " + MIB + " " + 254 * MIB), calls.resizes);
        assertEquals(0, calls.open, "every descriptor closed");
        try (FileDisk disk = new FileDisk(image)) {
            GptTable table = GptTable.read(disk, 512, 256 * MIB / 512);
            assertEquals(255 * 2048 - 1, table.partitions().getFirst().lastLba());
        }
    }

    @Test
    void aSecondBootFindsNothingAndWritesNothing() throws Exception {
        grow();
        Files.writeString(sys.resolve("devices/virtual/block/vda/vda1/size"), (254 * 2048) + "\n");
        calls.opened.clear();
        RootVolume.Nothing nothing = assertInstanceOf(RootVolume.Nothing.class, grow());
        assertEquals("partition 1 already fills its disk", nothing.reason());
        assertEquals(List.of("/dev/vda ro"), calls.opened);
    }

    @Test
    void aRootOnNoBlockDeviceIsNothingToGrow() throws Exception {
        calls.stats.put("/", new FileStatus(0x2a, 0, S_IFDIR));
        RootVolume.Nothing nothing = assertInstanceOf(RootVolume.Nothing.class, grow());
        assertEquals("/ is not on a block device (device 0:42)", nothing.reason());
        assertEquals(List.of(), calls.opened);
    }

    @Test
    void aRootOnAWholeDiskIsNothingToGrow() throws Exception {
        calls.stats.put("/", new FileStatus(DISK_DEV, 0, S_IFDIR));
        RootVolume.Nothing nothing = assertInstanceOf(RootVolume.Nothing.class, grow());
        assertEquals("/ is on vda, a whole disk, not a partition", nothing.reason());
        assertEquals(List.of(), calls.opened);
    }

    @Test
    void aDeviceNodeThatIsAnotherDeviceIsRefusedBeforeAnyOpen() {
        calls.stats.put("/dev/vda", new FileStatus(5, (8 << 8), S_IFBLK));
        RootGrowthException e = assertThrows(RootGrowthException.class, this::grow);
        assertEquals("/dev/vda is not block device 254:0", e.getMessage());
        assertEquals(List.of(), calls.opened);
    }

    @Test
    void aTableThatDisagreesWithTheKernelIsNotWritten() throws Exception {
        Files.writeString(sys.resolve("devices/virtual/block/vda/vda1/start"), "4096\n");
        RootGrowthException e = assertThrows(RootGrowthException.class, this::grow);
        assertEquals(
                "GPT not written: partition 1 is at LBA 2048-36863 in the GPT but elsewhere for the kernel (vda1"
                        + " starts at 4096 and has 34816 512-byte sectors)",
                e.getMessage());
        assertEquals(List.of("/dev/vda ro"), calls.opened);
    }

    @Test
    void aCorruptTableIsNotWritten() throws Exception {
        GptImages.flipByte(image, 512 + 48);
        RootGrowthException e = assertThrows(RootGrowthException.class, this::grow);
        assertEquals(true, e.getMessage().startsWith("GPT not written: primary GPT header CRC32 is 0x"));
        assertEquals(List.of("/dev/vda ro"), calls.opened);
    }

    @Test
    void anotherFilesystemIsNothingToGrow() throws Exception {
        Files.writeString(mounts, "/dev/vda1 / xfs rw 0 0\n");
        RootVolume.Nothing nothing = assertInstanceOf(RootVolume.Nothing.class, grow());
        assertEquals("/ is xfs, which only resize2fs's ext2/3/4 could grow", nothing.reason());
        assertEquals(List.of(), calls.opened);
    }

    @Test
    void aRefusedResizeIsAFailureNamingTheCall() {
        calls.resizeErrno = 16;
        RootGrowthException e = assertThrows(RootGrowthException.class, this::grow);
        assertEquals(
                "ioctl(3, BLKPG, {BLKPG_RESIZE_PARTITION, pno=1, start=1048576, length=266338304}): EBUSY (Device or"
                        + " resource busy)",
                e.getMessage());
        assertEquals(List.of(), resized);
        assertEquals(0, calls.open);
    }

    /** System calls on the image file; device nodes and stat results are what the test puts. */
    private static final class FakeBlock implements BlockCalls {
        final Map<String, FileStatus> stats = new HashMap<>();
        final List<String> opened = new ArrayList<>();
        final List<String> resizes = new ArrayList<>();
        int resizeErrno;
        int open;
        private final Path image;
        private RandomAccessFile file;

        FakeBlock(Path image) {
            this.image = image;
        }

        @Override
        public FileStatus stat(String path) {
            FileStatus status = stats.get(path);
            if (status == null) {
                throw new SyscallException("stat", "\"" + path + "\"", 2);
            }
            return status;
        }

        @Override
        public int open(String path, boolean write) {
            opened.add(path + (write ? " rw" : " ro"));
            try {
                file = new RandomAccessFile(image.toFile(), write ? "rw" : "r");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            open++;
            return 3;
        }

        @Override
        public void close(int fd) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            open--;
        }

        @Override
        public int pread(int fd, byte[] buffer, int count, long offset) {
            try {
                file.seek(offset);
                file.readFully(buffer, 0, count);
                return count;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int pwrite(int fd, byte[] buffer, int count, long offset) {
            try {
                file.seek(offset);
                file.write(buffer, 0, count);
                return count;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void fsync(int fd) {}

        @Override
        public void resizePartition(int fd, int number, long startBytes, long lengthBytes) {
            if (resizeErrno != 0) {
                throw new SyscallException(
                        "ioctl",
                        dev.easyto.init.linux.BlockLayout.resize(fd, number, startBytes, lengthBytes),
                        resizeErrno);
            }
            resizes.add(number + " " + startBytes + " " + lengthBytes);
        }
    }
}
