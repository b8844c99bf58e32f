package dev.easyto.init.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block-device calls on the real kernel, on a regular file of a temporary directory: no block
 * device is opened. The resize request goes to that file, which refuses it, to show the message.
 */
class BlockTest {
    final BlockCalls calls = Ffm.block();

    @TempDir
    Path dir;

    @Test
    void statGivesTheDeviceAFileIsOnAndTheNodeType() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        FileStatus status = calls.stat(file.toString());
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        // The JDK's file key is "(dev=<hex>,ino=<n>)": the same st_dev.
        assertTrue(key.toString().startsWith("(dev=" + Long.toHexString(status.device()) + ","), key.toString());
        assertFalse(status.isBlockDevice());
        assertEquals(0, status.rdev());
        FileStatus nullDevice = calls.stat("/dev/null");
        assertEquals("1:3", FileStatus.numbers(nullDevice.rdev()));
        SyscallException e = assertThrows(SyscallException.class, () -> calls.stat("/nonexistent"));
        assertEquals("stat(\"/nonexistent\"): ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void readsAndWritesAtOffsetsAndFlushes() throws Exception {
        Path file = dir.resolve("disk");
        Files.write(file, new byte[8192]);
        int fd = calls.open(file.toString(), true);
        try {
            byte[] data = "EFI PART".getBytes(StandardCharsets.US_ASCII);
            assertEquals(data.length, calls.pwrite(fd, data, data.length, 4096));
            calls.fsync(fd);
            byte[] back = new byte[8];
            assertEquals(8, calls.pread(fd, back, 8, 4096));
            assertArrayEquals(data, back);
            assertEquals(0, calls.pread(fd, back, 8, 8192), "end of file");
            SyscallException e =
                    assertThrows(SyscallException.class, () -> calls.resizePartition(fd, 1, 1048576, 2097152));
            assertEquals(
                    "ioctl(" + fd + ", BLKPG, {BLKPG_RESIZE_PARTITION, pno=1, start=1048576, length=2097152}): ENOTTY"
                            + " (Inappropriate ioctl for device)",
                    e.getMessage());
        } finally {
            calls.close(fd);
        }
        int readOnly = calls.open(file.toString(), false);
        try {
            SyscallException e = assertThrows(SyscallException.class, () -> calls.pwrite(readOnly, new byte[1], 1, 0));
            assertEquals("pwrite(" + readOnly + ", 1, 0): EBADF (Bad file descriptor)", e.getMessage());
        } finally {
            calls.close(readOnly);
        }
        SyscallException e = assertThrows(SyscallException.class, () -> calls.open(dir + "/missing", false));
        assertEquals("open(\"" + dir + "/missing\", 0x80000): ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void theResizeArgumentHasTheKernelsLayout() {
        ByteBuffer partition =
                ByteBuffer.wrap(BlockLayout.partition(2, 1048576, 3145728)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(152, partition.capacity());
        assertEquals(1048576, partition.getLong(0));
        assertEquals(3145728, partition.getLong(8));
        assertEquals(2, partition.getInt(16));
        ByteBuffer arg =
                ByteBuffer.wrap(BlockLayout.resizeArg(0x1234_5678_9abcL)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24, arg.capacity());
        assertEquals(3, arg.getInt(0), "BLKPG_RESIZE_PARTITION");
        assertEquals(0, arg.getInt(4));
        assertEquals(152, arg.getInt(8), "datalen");
        assertEquals(0x1234_5678_9abcL, arg.getLong(16), "data");
        assertEquals(0x1269, BlockLayout.BLKPG);
        assertEquals(254, FileStatus.major((254L << 8) | 1));
        assertEquals(1, FileStatus.minor((254L << 8) | 1));
        // glibc's encoding: minor's low 8 bits, major's 12, then minor's upper bits from bit 20.
        assertEquals("259:300", FileStatus.numbers(0x11032cL));
    }
}
