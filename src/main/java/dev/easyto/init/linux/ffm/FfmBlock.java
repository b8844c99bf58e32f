package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.callWithString;
import static dev.easyto.init.linux.ffm.Downcalls.copyIn;
import static dev.easyto.init.linux.ffm.Downcalls.copyOut;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.BlockLayout;
import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.FileStatus;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link BlockCalls} through the C library. */
final class FfmBlock implements BlockCalls {

    @Override
    public FileStatus stat(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(FileStatus.STAT_BYTES, 8);
            MemorySegment cPath = Downcalls.cString(arena, path);
            call(arena, "stat", CallFormat.path(path), state -> (int) Libc.STAT.invokeExact(state, cPath, buffer));
            return FileStatus.of(buffer.toArray(JAVA_BYTE));
        }
    }

    @Override
    public int open(String path, boolean write) {
        int flags = BlockLayout.openFlags(write);
        return (int) callWithString("open", path, BlockLayout.open(path, write), (state, cPath) ->
                (int) Libc.OPEN.invokeExact(state, cPath, flags, 0));
    }

    @Override
    public void close(int fd) {
        call("close", CallFormat.fd(fd), state -> (int) Libc.CLOSE.invokeExact(state, fd));
    }

    @Override
    public int pread(int fd, byte[] buffer, int count, long offset) {
        CallFormat.checkCount(buffer, count);
        long size = count;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, count));
            long read = call(arena, "pread", BlockLayout.atOffset(fd, count, offset), state ->
                    (long) Libc.PREAD.invokeExact(state, fd, copy, size, offset));
            copyOut(copy, buffer, read);
            return (int) read;
        }
    }

    @Override
    public int pwrite(int fd, byte[] buffer, int count, long offset) {
        CallFormat.checkCount(buffer, count);
        long size = count;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = copyIn(arena, buffer);
            return (int) call(arena, "pwrite", BlockLayout.atOffset(fd, count, offset), state ->
                    (long) Libc.PWRITE.invokeExact(state, fd, copy, size, offset));
        }
    }

    @Override
    public void fsync(int fd) {
        call("fsync", CallFormat.fd(fd), state -> (int) Libc.FSYNC.invokeExact(state, fd));
    }

    @Override
    public void resizePartition(int fd, int number, long startBytes, long lengthBytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment partition = copyIn(arena, BlockLayout.partition(number, startBytes, lengthBytes));
            MemorySegment arg = copyIn(arena, BlockLayout.resizeArg(partition.address()));
            long request = BlockLayout.BLKPG;
            call(arena, "ioctl", BlockLayout.resize(fd, number, startBytes, lengthBytes), state ->
                    (int) Libc.IOCTL.invokeExact(state, fd, request, arg));
        }
    }
}
