package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.cString;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.callWithString;
import static dev.easyto.init.linux.ffm.Downcalls.copyIn;
import static dev.easyto.init.linux.ffm.Downcalls.copyOut;
import static dev.easyto.init.linux.ffm.Downcalls.invoke;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.FileStatus;
import dev.easyto.init.linux.LinuxConstants;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** {@link FileCalls} through the C library. */
final class FfmFiles implements FileCalls {

    @Override
    public void chdir(String path) {
        callWithString(
                "chdir", path, CallFormat.path(path), (state, cPath) -> (int) Libc.CHDIR.invokeExact(state, cPath));
    }

    @Override
    public int umask(int mask) {
        return (int) invoke(() -> (int) Libc.UMASK.invokeExact(mask));
    }

    @Override
    public void chown(String path, long uid, long gid) {
        changeOwner("chown", Libc.CHOWN, path, uid, gid);
    }

    @Override
    public void lchown(String path, long uid, long gid) {
        changeOwner("lchown", Libc.LCHOWN, path, uid, gid);
    }

    @Override
    public void fchown(int fd, long uid, long gid) {
        int cUid = CallFormat.id(uid);
        int cGid = CallFormat.id(gid);
        call("fchown", CallFormat.owner(fd, uid, gid), state -> (int) Libc.FCHOWN.invokeExact(state, fd, cUid, cGid));
    }

    @Override
    public void chmod(String path, int mode) {
        callWithString("chmod", path, CallFormat.pathAndMode(path, mode), (state, cPath) ->
                (int) Libc.CHMOD.invokeExact(state, cPath, mode));
    }

    @Override
    public void fchmod(int fd, int mode) {
        call("fchmod", CallFormat.fdAndMode(fd, mode), state -> (int) Libc.FCHMOD.invokeExact(state, fd, mode));
    }

    @Override
    public void symlink(String target, String linkPath) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cTarget = cString(arena, target);
            MemorySegment cLinkPath = cString(arena, linkPath);
            call(arena, "symlink", CallFormat.twoPaths(target, linkPath), state ->
                    (int) Libc.SYMLINK.invokeExact(state, cTarget, cLinkPath));
        }
    }

    @Override
    public void mkdir(String path, int mode) {
        callWithString("mkdir", path, CallFormat.pathAndMode(path, mode), (state, cPath) ->
                (int) Libc.MKDIR.invokeExact(state, cPath, mode));
    }

    @Override
    public int open(String path, int flags, int mode) {
        return (int) callWithString("open", path, CallFormat.pathAndFlags(path, flags), (state, cPath) ->
                (int) Libc.OPEN.invokeExact(state, cPath, flags, mode));
    }

    @Override
    public void close(int fd) {
        call("close", CallFormat.fd(fd), state -> (int) Libc.CLOSE.invokeExact(state, fd));
    }

    @Override
    public int read(int fd, byte[] buffer, int count) {
        CallFormat.checkCount(buffer, count);
        long size = count;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, count));
            long read = call(
                    arena, "read", CallFormat.fd(fd), state -> (long) Libc.READ.invokeExact(state, fd, copy, size));
            copyOut(copy, buffer, read);
            return (int) read;
        }
    }

    @Override
    public int write(int fd, byte[] buffer, int count) {
        CallFormat.checkCount(buffer, count);
        long size = count;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = copyIn(arena, buffer);
            return (int) call(
                    arena, "write", CallFormat.fd(fd), state -> (long) Libc.WRITE.invokeExact(state, fd, copy, size));
        }
    }

    @Override
    public void dup2(int oldFd, int newFd) {
        call("dup2", CallFormat.twoFds(oldFd, newFd), state -> (int) Libc.DUP2.invokeExact(state, oldFd, newFd));
    }

    @Override
    public int ioctl(int fd, long request, byte[] arg) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = copyIn(arena, arg);
            int result = (int) call(arena, "ioctl", CallFormat.fdAndFlags(fd, request), state ->
                    (int) Libc.IOCTL.invokeExact(state, fd, request, copy));
            copyOut(copy, arg, arg == null ? 0 : arg.length);
            return result;
        }
    }

    @Override
    public int openat2(int dirFd, String path, int flags, int mode, long resolve) {
        String arguments = CallFormat.openat2(dirFd, path, flags, mode, resolve);
        long[] how = CallFormat.openHow(flags, mode, resolve);
        try (Arena arena = Arena.ofConfined()) {
            long cPath = cString(arena, path).address();
            MemorySegment openHow = arena.allocate(LinuxConstants.OPEN_HOW_BYTES, 8);
            for (int i = 0; i < how.length; i++) {
                openHow.setAtIndex(JAVA_LONG, i, how[i]);
            }
            long cHow = openHow.address();
            long size = LinuxConstants.OPEN_HOW_BYTES;
            return (int) call(arena, "openat2", arguments, state -> (long)
                    Libc.SYSCALL4.invokeExact(state, LinuxConstants.SYS_OPENAT2, (long) dirFd, cPath, cHow, size));
        }
    }

    @Override
    public void mkdirat(int dirFd, String path, int mode) {
        callWithString("mkdirat", path, CallFormat.fdPathAndMode(dirFd, path, mode), (state, cPath) ->
                (int) Libc.MKDIRAT.invokeExact(state, dirFd, cPath, mode));
    }

    @Override
    public void renameat(int oldDirFd, String oldPath, int newDirFd, String newPath) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cOld = cString(arena, oldPath);
            MemorySegment cNew = cString(arena, newPath);
            call(arena, "renameat", CallFormat.renameat(oldDirFd, oldPath, newDirFd, newPath), state ->
                    (int) Libc.RENAMEAT.invokeExact(state, oldDirFd, cOld, newDirFd, cNew));
        }
    }

    @Override
    public void unlinkat(int dirFd, String path, int flags) {
        callWithString("unlinkat", path, CallFormat.fdPathAndFlags(dirFd, path, flags), (state, cPath) ->
                (int) Libc.UNLINKAT.invokeExact(state, dirFd, cPath, flags));
    }

    @Override
    public void fsync(int fd) {
        call("fsync", CallFormat.fd(fd), state -> (int) Libc.FSYNC.invokeExact(state, fd));
    }

    @Override
    public FileStatus fstatat(int dirFd, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(FileStatus.STAT_BYTES, 8);
            MemorySegment cPath = cString(arena, path);
            call(arena, "fstatat", CallFormat.fdPathAndFlags(dirFd, path, flags), state ->
                    (int) Libc.FSTATAT.invokeExact(state, dirFd, cPath, buffer, flags));
            return FileStatus.of(buffer.toArray(JAVA_BYTE));
        }
    }

    @Override
    public String readlinkat(int dirFd, String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(LinuxConstants.PATH_MAX);
            MemorySegment cPath = cString(arena, path);
            long size = LinuxConstants.PATH_MAX;
            long length = call(arena, "readlinkat", CallFormat.fdAndPath(dirFd, path), state ->
                    (long) Libc.READLINKAT.invokeExact(state, dirFd, cPath, buffer, size));
            return CallFormat.linkTarget(buffer.toArray(JAVA_BYTE), length);
        }
    }

    /** chown or lchown, which differ only in whether a symbolic link at {@code path} is followed. */
    private static void changeOwner(String name, MethodHandle function, String path, long uid, long gid) {
        int cUid = CallFormat.id(uid);
        int cGid = CallFormat.id(gid);
        callWithString(name, path, CallFormat.owner(path, uid, gid), (state, cPath) ->
                (int) function.invokeExact(state, cPath, cUid, cGid));
    }
}
