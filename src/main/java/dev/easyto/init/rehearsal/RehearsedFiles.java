package dev.easyto.init.rehearsal;

import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.O_RDWR;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.FileStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Files as a rehearsal touches them: under the scratch root for real (the directories, links and
 * files the boot makes there are its result), anything else (the kernel's {@code /proc/sys}, the
 * serial console) only recorded. Owners are always recorded and never set, since dev mode runs
 * unprivileged; nothing that changes the dev JVM itself (its directory, umask, descriptors 0 to 2)
 * is ever done.
 */
final class RehearsedFiles implements FileCalls {
    /** Descriptors handed out for files outside the root; far above any the JVM opens. */
    private static final int FIRST_STAND_IN_FD = 1 << 24;

    private final FileCalls machine;
    private final RehearsalLog log;
    private final AtomicInteger nextStandIn = new AtomicInteger(FIRST_STAND_IN_FD);
    private final Map<Integer, String> standIns = new ConcurrentHashMap<>();

    /** Real descriptors of files under the root, by path: a chown on one is recorded under its name. */
    private final Map<Integer, String> rootFiles = new ConcurrentHashMap<>();

    RehearsedFiles(FileCalls machine, RehearsalLog log) {
        this.machine = machine;
        this.log = log;
    }

    @Override
    public void chdir(String path) {
        log.would("change directory to %s", log.shown(path));
    }

    @Override
    public int umask(int mask) {
        log.would("set the umask to %03o", mask);
        return 022;
    }

    @Override
    public void chown(String path, long uid, long gid) {
        log.owned(Path.of(path), uid, gid);
        if (!log.inRoot(path)) {
            log.would("chown %s to %d:%d", path, uid, gid);
        }
    }

    @Override
    public void lchown(String path, long uid, long gid) {
        chown(path, uid, gid);
    }

    @Override
    public void fchown(int fd, long uid, long gid) {
        String path = rootFiles.get(fd);
        if (path != null) {
            log.owned(Path.of(path), uid, gid);
        } else {
            log.would("chown %s to %d:%d", describe(fd), uid, gid);
        }
    }

    @Override
    public void chmod(String path, int mode) {
        if (log.inRoot(path)) {
            machine.chmod(path, mode);
        } else {
            log.would("chmod %s to %04o", path, mode);
        }
    }

    @Override
    public void fchmod(int fd, int mode) {
        if (standIns.containsKey(fd)) {
            log.would("chmod %s to %04o", standIns.get(fd), mode);
        } else {
            machine.fchmod(fd, mode);
        }
    }

    @Override
    public void symlink(String target, String linkPath) {
        if (log.inRoot(linkPath)) {
            machine.symlink(target, linkPath);
        } else {
            log.would("link %s to %s", linkPath, target);
        }
    }

    /**
     * Under the root, missing parents are made first: a mount point inside a filesystem the
     * rehearsal only said it would mount (sysfs's {@code /sys/fs/cgroup}) has no parent there.
     */
    @Override
    public void mkdir(String path, int mode) {
        if (log.inRoot(path)) {
            Path parent = Path.of(path).getParent();
            if (parent != null && !Files.isDirectory(parent) && log.inRoot(parent.toString())) {
                mkdir(parent.toString(), 0755);
            }
            machine.mkdir(path, mode);
        } else {
            log.would("make the directory %s (%04o)", path, mode);
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        if (log.inRoot(path)) {
            int fd = machine.open(path, flags, mode);
            rootFiles.put(fd, path);
            return fd;
        }
        return standIn(path, flags);
    }

    private int standIn(String path, int flags) {
        int fd = nextStandIn.getAndIncrement();
        standIns.put(fd, path);
        if ((flags & (O_WRONLY | O_RDWR)) == O_RDONLY) {
            log.would("read %s", path);
        }
        return fd;
    }

    @Override
    public void close(int fd) {
        rootFiles.remove(fd);
        if (standIns.remove(fd) == null) {
            machine.close(fd);
        }
    }

    /** Under the root for real, the kernel checking the resolution as it would at boot. */
    @Override
    public int openat2(int dirFd, String path, int flags, int mode, long resolve) {
        String directory = standIns.get(dirFd);
        if (directory != null) {
            return standIn(directory + "/" + path, flags);
        }
        int fd = machine.openat2(dirFd, path, flags, mode, resolve);
        String parent = rootFiles.get(dirFd);
        if (parent != null) {
            rootFiles.put(fd, parent + "/" + path);
        }
        return fd;
    }

    @Override
    public void mkdirat(int dirFd, String path, int mode) {
        if (standIns.containsKey(dirFd)) {
            log.would("make the directory %s/%s (%04o)", standIns.get(dirFd), path, mode);
        } else {
            machine.mkdirat(dirFd, path, mode);
        }
    }

    @Override
    public void renameat(int oldDirFd, String oldPath, int newDirFd, String newPath) {
        if (standIns.containsKey(oldDirFd) || standIns.containsKey(newDirFd)) {
            log.would("rename %s/%s to %s/%s", describe(oldDirFd), oldPath, describe(newDirFd), newPath);
        } else {
            machine.renameat(oldDirFd, oldPath, newDirFd, newPath);
        }
    }

    @Override
    public void unlinkat(int dirFd, String path, int flags) {
        if (standIns.containsKey(dirFd)) {
            log.would("remove %s/%s", standIns.get(dirFd), path);
        } else {
            machine.unlinkat(dirFd, path, flags);
        }
    }

    @Override
    public void fsync(int fd) {
        if (!standIns.containsKey(fd)) {
            machine.fsync(fd);
        }
    }

    @Override
    public int read(int fd, byte[] buffer, int count) {
        return standIns.containsKey(fd) ? 0 : machine.read(fd, buffer, count);
    }

    @Override
    public int write(int fd, byte[] buffer, int count) {
        String path = standIns.get(fd);
        if (path == null) {
            return machine.write(fd, buffer, count);
        }
        // The kernel's settings are no secret; any other file outside the root is shown by size.
        if (path.startsWith("/proc/sys/")) {
            log.would("write %s to %s", new String(buffer, 0, count, StandardCharsets.UTF_8).strip(), path);
        } else {
            log.would("write %d bytes to %s", count, path);
        }
        return count;
    }

    @Override
    public void dup2(int oldFd, int newFd) {
        log.would("make descriptor %d %s", newFd, describe(oldFd));
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        throw new UnsupportedOperationException(
                "a rehearsal sends no device requests (ioctl " + request + " on " + describe(fd) + ")");
    }

    /**
     * Under the root for real, but owned as the boot recorded it or else by root: the scratch
     * root's files stand for the image's, which are root's, and dev mode sets no owner.
     */
    @Override
    public FileStatus fstatat(int dirFd, String path, int flags) {
        String directory = rootFiles.get(dirFd);
        if (directory == null) {
            throw new UnsupportedOperationException(
                    "a rehearsal reads the status of files under the root only (" + describe(dirFd) + ")");
        }
        FileStatus status = machine.fstatat(dirFd, path, flags);
        RehearsalLog.Owner owner = log.owner(Path.of(path.isEmpty() ? directory : directory + "/" + path));
        return owner == null
                ? new FileStatus(status.device(), status.rdev(), status.mode(), 0, 0)
                : new FileStatus(status.device(), status.rdev(), status.mode(), owner.uid(), owner.gid());
    }

    @Override
    public String readlinkat(int dirFd, String path) {
        if (standIns.containsKey(dirFd)) {
            throw new UnsupportedOperationException(
                    "a rehearsal reads links under the root only (" + describe(dirFd) + "/" + path + ")");
        }
        return machine.readlinkat(dirFd, path);
    }

    private String describe(int fd) {
        String path = standIns.get(fd);
        return path == null ? "descriptor " + fd : path;
    }
}
