package dev.easyto.init.rehearsal;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileStatus;

/**
 * A rehearsal never touches a disk: every path is on no block device (device 0:0), so the root
 * growth phase finds nothing to grow and says so, and the calls that would open or change a disk
 * refuse, should anything reach them.
 */
final class RehearsedBlock implements BlockCalls {
    private final RehearsalLog log;

    RehearsedBlock(RehearsalLog log) {
        this.log = log;
    }

    @Override
    public FileStatus stat(String path) {
        log.would("look up the block device under %s (a rehearsal shows none)", path);
        return new FileStatus(0, 0, 0);
    }

    @Override
    public int open(String path, boolean write) {
        throw refused("open " + path);
    }

    @Override
    public void close(int fd) {
        throw refused("close descriptor " + fd);
    }

    @Override
    public int pread(int fd, byte[] buffer, int count, long offset) {
        throw refused("read a disk");
    }

    @Override
    public int pwrite(int fd, byte[] buffer, int count, long offset) {
        throw refused("write a disk");
    }

    @Override
    public void fsync(int fd) {
        throw refused("flush a disk");
    }

    @Override
    public void resizePartition(int fd, int number, long startBytes, long lengthBytes) {
        throw refused("resize partition " + number);
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("a rehearsal does not " + what);
    }
}
