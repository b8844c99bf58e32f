package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.BlockLayout;
import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.FileStatus;

/** {@link BlockCalls} through the C library, with the FFM backend's messages. */
final class CifBlock implements BlockCalls {

    @Override
    public FileStatus stat(String path) {
        String arguments = CallFormat.path(path);
        byte[] buffer = new byte[FileStatus.STAT_BYTES];
        try (Pins pins = new Pins()) {
            checked(Libc.stat(pins.string(path), pins.bytes(buffer)), "stat", arguments);
        }
        return FileStatus.of(buffer);
    }

    @Override
    public int open(String path, boolean write) {
        String arguments = BlockLayout.open(path, write);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.open(pins.string(path), BlockLayout.openFlags(write), 0), "open", arguments);
        }
    }

    @Override
    public void close(int fd) {
        String arguments = CallFormat.fd(fd);
        checked(Libc.close(fd), "close", arguments);
    }

    @Override
    public int pread(int fd, byte[] buffer, int count, long offset) {
        CallFormat.checkCount(buffer, count);
        String arguments = BlockLayout.atOffset(fd, count, offset);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.pread(fd, pins.bytes(buffer), count, offset), "pread", arguments);
        }
    }

    @Override
    public int pwrite(int fd, byte[] buffer, int count, long offset) {
        CallFormat.checkCount(buffer, count);
        String arguments = BlockLayout.atOffset(fd, count, offset);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.pwrite(fd, pins.bytes(buffer), count, offset), "pwrite", arguments);
        }
    }

    @Override
    public void fsync(int fd) {
        String arguments = CallFormat.fd(fd);
        checked(Libc.fsync(fd), "fsync", arguments);
    }

    @Override
    public void resizePartition(int fd, int number, long startBytes, long lengthBytes) {
        String arguments = BlockLayout.resize(fd, number, startBytes, lengthBytes);
        byte[] partition = BlockLayout.partition(number, startBytes, lengthBytes);
        try (Pins pins = new Pins()) {
            // The argument holds the partition's address: pinned, it stays there for the call.
            byte[] arg = BlockLayout.resizeArg(pins.bytes(partition).rawValue());
            checked(Libc.ioctl(fd, BlockLayout.BLKPG, pins.bytes(arg)), "ioctl", arguments);
        }
    }
}
