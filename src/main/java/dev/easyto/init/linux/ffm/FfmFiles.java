package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.cString;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.callWithString;
import static dev.easyto.init.linux.ffm.Downcalls.hex;
import static dev.easyto.init.linux.ffm.Downcalls.id;
import static dev.easyto.init.linux.ffm.Downcalls.invoke;
import static dev.easyto.init.linux.ffm.Downcalls.quote;

import dev.easyto.init.linux.FileCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Objects;

/** {@link FileCalls} through the C library. */
final class FfmFiles implements FileCalls {

    @Override
    public void chdir(String path) {
        callWithString("chdir", path, "", (state, cPath) -> (int) Libc.CHDIR.invokeExact(state, cPath));
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
        int cUid = id(uid);
        int cGid = id(gid);
        call("fchown", fd + ", " + uid + ", " + gid, state -> (int) Libc.FCHOWN.invokeExact(state, fd, cUid, cGid));
    }

    @Override
    public void chmod(String path, int mode) {
        callWithString(
                "chmod", path, ", " + octal(mode), (state, cPath) -> (int) Libc.CHMOD.invokeExact(state, cPath, mode));
    }

    @Override
    public void fchmod(int fd, int mode) {
        call("fchmod", fd + ", " + octal(mode), state -> (int) Libc.FCHMOD.invokeExact(state, fd, mode));
    }

    @Override
    public void symlink(String target, String linkPath) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cTarget = cString(arena, target);
            MemorySegment cLinkPath = cString(arena, linkPath);
            call(arena, "symlink", quote(target) + ", " + quote(linkPath), state ->
                    (int) Libc.SYMLINK.invokeExact(state, cTarget, cLinkPath));
        }
    }

    @Override
    public void mkdir(String path, int mode) {
        callWithString(
                "mkdir", path, ", " + octal(mode), (state, cPath) -> (int) Libc.MKDIR.invokeExact(state, cPath, mode));
    }

    @Override
    public int open(String path, int flags, int mode) {
        return (int) callWithString("open", path, ", " + hex(flags), (state, cPath) ->
                (int) Libc.OPEN.invokeExact(state, cPath, flags, mode));
    }

    @Override
    public void close(int fd) {
        call("close", String.valueOf(fd), state -> (int) Libc.CLOSE.invokeExact(state, fd));
    }

    @Override
    public int read(int fd, MemorySegment buffer, long count) {
        Objects.checkFromIndexSize(0, count, buffer.byteSize());
        return (int) call("read", String.valueOf(fd), state -> (long) Libc.READ.invokeExact(state, fd, buffer, count));
    }

    @Override
    public int write(int fd, MemorySegment buffer, long count) {
        Objects.checkFromIndexSize(0, count, buffer.byteSize());
        return (int)
                call("write", String.valueOf(fd), state -> (long) Libc.WRITE.invokeExact(state, fd, buffer, count));
    }

    @Override
    public void dup2(int oldFd, int newFd) {
        call("dup2", oldFd + ", " + newFd, state -> (int) Libc.DUP2.invokeExact(state, oldFd, newFd));
    }

    @Override
    public int ioctl(int fd, long request, MemorySegment arg) {
        return (int)
                call("ioctl", fd + ", " + hex(request), state -> (int) Libc.IOCTL.invokeExact(state, fd, request, arg));
    }

    /** chown or lchown, which differ only in whether a symbolic link at {@code path} is followed. */
    private static void changeOwner(String name, MethodHandle function, String path, long uid, long gid) {
        int cUid = id(uid);
        int cGid = id(gid);
        callWithString(name, path, ", " + uid + ", " + gid, (state, cPath) ->
                (int) function.invokeExact(state, cPath, cUid, cGid));
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
