package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.FileStatus;
import dev.easyto.init.linux.LinuxConstants;
import org.graalvm.nativeimage.c.type.CCharPointer;

/** {@link FileCalls} through the C library. */
final class CifFiles implements FileCalls {

    @Override
    public void chdir(String path) {
        String arguments = CallFormat.path(path);
        try (Pins pins = new Pins()) {
            checked(Libc.chdir(pins.string(path)), "chdir", arguments);
        }
    }

    @Override
    public int umask(int mask) {
        return Libc.umask(mask);
    }

    @Override
    public void chown(String path, long uid, long gid) {
        changeOwner("chown", true, path, uid, gid);
    }

    @Override
    public void lchown(String path, long uid, long gid) {
        changeOwner("lchown", false, path, uid, gid);
    }

    @Override
    public void fchown(int fd, long uid, long gid) {
        int cUid = CallFormat.id(uid);
        int cGid = CallFormat.id(gid);
        String arguments = CallFormat.owner(fd, uid, gid);
        checked(Libc.fchown(fd, cUid, cGid), "fchown", arguments);
    }

    @Override
    public void chmod(String path, int mode) {
        String arguments = CallFormat.pathAndMode(path, mode);
        try (Pins pins = new Pins()) {
            checked(Libc.chmod(pins.string(path), mode), "chmod", arguments);
        }
    }

    @Override
    public void fchmod(int fd, int mode) {
        String arguments = CallFormat.fdAndMode(fd, mode);
        checked(Libc.fchmod(fd, mode), "fchmod", arguments);
    }

    @Override
    public void symlink(String target, String linkPath) {
        String arguments = CallFormat.twoPaths(target, linkPath);
        try (Pins pins = new Pins()) {
            checked(Libc.symlink(pins.string(target), pins.string(linkPath)), "symlink", arguments);
        }
    }

    @Override
    public void mkdir(String path, int mode) {
        String arguments = CallFormat.pathAndMode(path, mode);
        try (Pins pins = new Pins()) {
            checked(Libc.mkdir(pins.string(path), mode), "mkdir", arguments);
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        String arguments = CallFormat.pathAndFlags(path, flags);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.open(pins.string(path), flags, mode), "open", arguments);
        }
    }

    @Override
    public void close(int fd) {
        String arguments = CallFormat.fd(fd);
        checked(Libc.close(fd), "close", arguments);
    }

    @Override
    public int read(int fd, byte[] buffer, int count) {
        CallFormat.checkCount(buffer, count);
        String arguments = CallFormat.fd(fd);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.read(fd, pins.bytes(buffer), count), "read", arguments);
        }
    }

    @Override
    public int write(int fd, byte[] buffer, int count) {
        CallFormat.checkCount(buffer, count);
        String arguments = CallFormat.fd(fd);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.write(fd, pins.bytes(buffer), count), "write", arguments);
        }
    }

    @Override
    public void dup2(int oldFd, int newFd) {
        String arguments = CallFormat.twoFds(oldFd, newFd);
        checked(Libc.dup2(oldFd, newFd), "dup2", arguments);
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        String arguments = CallFormat.fdAndFlags(fd, request);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.ioctl(fd, request, pins.bytes(arg)), "ioctl", arguments);
        }
    }

    @Override
    public int openat2(int dirFd, String path, int flags, int mode, long resolve) {
        String arguments = CallFormat.openat2(dirFd, path, flags, mode, resolve);
        long[] how = CallFormat.openHow(flags, mode, resolve);
        try (Pins pins = new Pins()) {
            long cPath = pins.string(path).rawValue();
            long cHow = pins.longs(how).rawValue();
            long result = Libc.syscall4(LinuxConstants.SYS_OPENAT2, dirFd, cPath, cHow, LinuxConstants.OPEN_HOW_BYTES);
            return (int) checked(result, "openat2", arguments);
        }
    }

    @Override
    public void mkdirat(int dirFd, String path, int mode) {
        String arguments = CallFormat.fdPathAndMode(dirFd, path, mode);
        try (Pins pins = new Pins()) {
            checked(Libc.mkdirat(dirFd, pins.string(path), mode), "mkdirat", arguments);
        }
    }

    @Override
    public void renameat(int oldDirFd, String oldPath, int newDirFd, String newPath) {
        String arguments = CallFormat.renameat(oldDirFd, oldPath, newDirFd, newPath);
        try (Pins pins = new Pins()) {
            checked(
                    Libc.renameat(oldDirFd, pins.string(oldPath), newDirFd, pins.string(newPath)),
                    "renameat",
                    arguments);
        }
    }

    @Override
    public void unlinkat(int dirFd, String path, int flags) {
        String arguments = CallFormat.fdPathAndFlags(dirFd, path, flags);
        try (Pins pins = new Pins()) {
            checked(Libc.unlinkat(dirFd, pins.string(path), flags), "unlinkat", arguments);
        }
    }

    @Override
    public void fsync(int fd) {
        String arguments = CallFormat.fd(fd);
        checked(Libc.fsync(fd), "fsync", arguments);
    }

    @Override
    public FileStatus fstatat(int dirFd, String path, int flags) {
        String arguments = CallFormat.fdPathAndFlags(dirFd, path, flags);
        byte[] buffer = new byte[FileStatus.STAT_BYTES];
        try (Pins pins = new Pins()) {
            checked(Libc.fstatat(dirFd, pins.string(path), pins.bytes(buffer), flags), "fstatat", arguments);
        }
        return FileStatus.of(buffer);
    }

    @Override
    public String readlinkat(int dirFd, String path) {
        String arguments = CallFormat.fdAndPath(dirFd, path);
        byte[] buffer = new byte[LinuxConstants.PATH_MAX];
        long length;
        try (Pins pins = new Pins()) {
            length = checked(
                    Libc.readlinkat(dirFd, pins.string(path), pins.bytes(buffer), buffer.length),
                    "readlinkat",
                    arguments);
        }
        return CallFormat.linkTarget(buffer, length);
    }

    /**
     * chown or lchown, which differ only in whether a symbolic link at the path is followed. Not
     * through a lambda: word values (the C string) cannot be passed into one.
     */
    private static void changeOwner(String name, boolean followLink, String path, long uid, long gid) {
        int cUid = CallFormat.id(uid);
        int cGid = CallFormat.id(gid);
        String arguments = CallFormat.owner(path, uid, gid);
        try (Pins pins = new Pins()) {
            CCharPointer cPath = pins.string(path);
            int result = followLink ? Libc.chown(cPath, cUid, cGid) : Libc.lchown(cPath, cUid, cGid);
            checked(result, name, arguments);
        }
    }
}
