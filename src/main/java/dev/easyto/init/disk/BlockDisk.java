package dev.easyto.init.disk;

import dev.easyto.init.linux.BlockCalls;

/** A {@link DiskImage} on an open block device: whole reads and writes, or an error. */
final class BlockDisk implements DiskImage {
    private final BlockCalls calls;
    private final int fd;
    private final String path;

    BlockDisk(BlockCalls calls, int fd, String path) {
        this.calls = calls;
        this.fd = fd;
        this.path = path;
    }

    @Override
    public void read(long offset, byte[] into) {
        int done = calls.pread(fd, into, into.length, offset);
        if (done != into.length) {
            throw new IllegalStateException(
                    "read " + done + " of " + into.length + " bytes at offset " + offset + " of " + path);
        }
    }

    @Override
    public void write(long offset, byte[] data) {
        int done = calls.pwrite(fd, data, data.length, offset);
        if (done != data.length) {
            throw new IllegalStateException(
                    "wrote " + done + " of " + data.length + " bytes at offset " + offset + " of " + path);
        }
    }

    @Override
    public void flush() {
        calls.fsync(fd);
    }
}
