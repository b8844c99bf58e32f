package dev.easyto.init.linux.cif;

import java.util.List;
import org.graalvm.nativeimage.c.CContext;
import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.function.CFunction.Transition;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.word.PointerBase;

/**
 * The C library functions the C-interface families call, grouped by the family that calls them
 * ({@code read} also serves {@link CifSignals}), with the same C types as the FFM backend's
 * handles: int, pid_t, uid_t, gid_t, mode_t and socklen_t as int; long, size_t and ssize_t as
 * long; every pointer as a word. Variadic functions ({@code open}, {@code ioctl}, {@code syscall})
 * are declared with the arguments the init passes, all integers or pointers, which the x86_64
 * calling convention passes the same way as to a fixed-argument function.
 *
 * <p>Each call leaves Java for native code ({@link Transition#TO_NATIVE}), so a call that blocks
 * (poll, recv, waitid, read) does not hold up the garbage collector; memory it is given is pinned.
 */
@CContext(Libc.Directives.class)
final class Libc {
    private Libc() {}

    /** The declarations; the functions themselves are found by name when the executable is linked. */
    static final class Directives implements CContext.Directives {
        @Override
        public List<String> getHeaderFiles() {
            return List.of("<unistd.h>", "<errno.h>");
        }
    }

    /** Sizes of glibc's opaque types on x86_64, as the FFM backend's; musl's are the same. */
    static final int SIGSET_T_BYTES = 128;

    static final int SIGINFO_T_BYTES = 128;
    static final int SIGNALFD_SIGINFO_BYTES = 128;
    static final int POSIX_SPAWNATTR_T_BYTES = 336;
    static final int POSIX_SPAWN_FILE_ACTIONS_T_BYTES = 80;

    /** The calling thread's errno, read right after the call that failed. */
    static int errno() {
        return errnoLocation().read();
    }

    @CFunction(value = "__errno_location", transition = Transition.NO_TRANSITION)
    private static native CIntPointer errnoLocation();

    // CifFiles
    @CFunction
    static native int chdir(CCharPointer path);

    @CFunction
    static native int umask(int mask);

    @CFunction
    static native int chown(CCharPointer path, int uid, int gid);

    @CFunction
    static native int lchown(CCharPointer path, int uid, int gid);

    @CFunction
    static native int fchown(int fd, int uid, int gid);

    @CFunction
    static native int chmod(CCharPointer path, int mode);

    @CFunction
    static native int fchmod(int fd, int mode);

    @CFunction
    static native int symlink(CCharPointer target, CCharPointer linkPath);

    @CFunction
    static native int mkdir(CCharPointer path, int mode);

    @CFunction
    static native int open(CCharPointer path, int flags, int mode);

    @CFunction
    static native int close(int fd);

    @CFunction
    static native long read(int fd, PointerBase buffer, long count);

    @CFunction
    static native long write(int fd, PointerBase buffer, long count);

    @CFunction
    static native int dup2(int oldFd, int newFd);

    @CFunction
    static native int ioctl(int fd, long request, PointerBase arg);

    // CifBlock (open, close and ioctl are CifFiles'; off_t is long)
    @CFunction
    static native int stat(CCharPointer path, PointerBase buffer);

    @CFunction
    static native long pread(int fd, PointerBase buffer, long count, long offset);

    @CFunction
    static native long pwrite(int fd, PointerBase buffer, long count, long offset);

    // CifFiles: the calls relative to a directory descriptor
    @CFunction
    static native int mkdirat(int dirFd, CCharPointer path, int mode);

    @CFunction
    static native int renameat(int oldDirFd, CCharPointer oldPath, int newDirFd, CCharPointer newPath);

    @CFunction
    static native int unlinkat(int dirFd, CCharPointer path, int flags);

    @CFunction
    static native int fsync(int fd);

    @CFunction
    static native int fstatat(int dirFd, CCharPointer path, PointerBase buffer, int flags);

    @CFunction
    static native long readlinkat(int dirFd, CCharPointer path, PointerBase buffer, long size);

    // CifMounts
    @CFunction
    static native int mount(
            CCharPointer source, CCharPointer target, CCharPointer fstype, long flags, CCharPointer data);

    @CFunction
    static native int umount2(CCharPointer target, int flags);

    // CifSignals
    @CFunction
    static native int kill(int pid, int signal);

    @CFunction
    static native int tgkill(int tgid, int tid, int signal);

    @CFunction
    static native int sigprocmask(int how, PointerBase set, PointerBase old);

    @CFunction
    static native int signalfd(int fd, PointerBase set, int flags);

    // CifSockets
    @CFunction
    static native int socket(int domain, int type, int protocol);

    @CFunction
    static native int bind(int fd, PointerBase address, int length);

    @CFunction
    static native int setsockopt(int fd, int level, int option, PointerBase value, int length);

    @CFunction
    static native long sendto(int fd, PointerBase buffer, long size, int flags, PointerBase address, int length);

    @CFunction
    static native long recv(int fd, PointerBase buffer, long size, int flags);

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}, nfds_t being unsigned long. */
    @CFunction
    static native int poll(PointerBase fds, long nfds, int timeout);

    // CifProcesses
    @CFunction
    static native int waitid(int idType, int id, PointerBase info, int options);

    // The posix_spawn family returns an error number instead of setting errno.
    @CFunction("posix_spawn")
    static native int posixSpawn(
            PointerBase pid,
            CCharPointer path,
            PointerBase fileActions,
            PointerBase attributes,
            PointerBase argv,
            PointerBase envp);

    @CFunction("posix_spawnattr_init")
    static native int posixSpawnattrInit(PointerBase attributes);

    @CFunction("posix_spawnattr_destroy")
    static native int posixSpawnattrDestroy(PointerBase attributes);

    @CFunction("posix_spawnattr_setflags")
    static native int posixSpawnattrSetflags(PointerBase attributes, short flags);

    @CFunction("posix_spawnattr_setsigmask")
    static native int posixSpawnattrSetsigmask(PointerBase attributes, PointerBase set);

    @CFunction("posix_spawnattr_setsigdefault")
    static native int posixSpawnattrSetsigdefault(PointerBase attributes, PointerBase set);

    @CFunction("posix_spawn_file_actions_init")
    static native int posixSpawnFileActionsInit(PointerBase actions);

    @CFunction("posix_spawn_file_actions_destroy")
    static native int posixSpawnFileActionsDestroy(PointerBase actions);

    @CFunction("posix_spawn_file_actions_addchdir_np")
    static native int posixSpawnFileActionsAddchdirNp(PointerBase actions, CCharPointer directory);

    @CFunction("posix_spawn_file_actions_addclosefrom_np")
    static native int posixSpawnFileActionsAddclosefromNp(PointerBase actions, int from);

    @CFunction
    static native int execve(CCharPointer path, PointerBase argv, PointerBase envp);

    @CFunction
    static native int setsid();

    @CFunction
    static native int setgroups(long size, PointerBase list);

    @CFunction
    static native int setgid(int gid);

    @CFunction
    static native int setuid(int uid);

    /**
     * {@code long syscall(long number, ...)} with three arguments, each a whole register: a pointer
     * needs all 64 bits, and an int would leave the upper half undefined.
     */
    @CFunction
    static native long syscall(long number, long a, long b, long c);

    /** {@link #syscall} with four arguments (openat2). */
    @CFunction("syscall")
    static native long syscall4(long number, long a, long b, long c, long d);

    @CFunction
    static native int setns(int fd, int nstype);

    @CFunction
    static native int getpid();

    @CFunction
    static native int gettid();

    // CifMachine
    @CFunction
    static native int sethostname(CCharPointer name, long length);

    @CFunction
    static native int reboot(int cmd);

    @CFunction
    static native void sync();

    /** The address as a long, as the FFM backend passes it: the same register on x86_64. */
    @CFunction
    static native int madvise(long address, long length, int advice);
}
