package dev.easyto.init.linux.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcall handles for the C library functions the FFM families call, made once when the class is
 * first used, grouped by the family that calls them ({@code read} also serves {@link FfmSignals}).
 * Handles of functions that report failure in errno take the call-state segment of {@link
 * #CALL_STATE} as their first argument; the others take the C arguments alone. C types map to
 * x86_64 sizes: int, pid_t, uid_t, gid_t, mode_t and socklen_t to int; long, size_t and ssize_t to
 * long.
 */
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");

    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    static final long ERRNO_OFFSET = CALL_STATE.byteOffset(PathElement.groupElement("errno"));

    // Sizes of glibc's opaque types on x86_64; musl's are the same.
    static final long SIGSET_T_BYTES = 128;
    static final long SIGINFO_T_BYTES = 128;
    static final long SIGNALFD_SIGINFO_BYTES = 128;
    static final long POSIX_SPAWNATTR_T_BYTES = 336;
    static final long POSIX_SPAWN_FILE_ACTIONS_T_BYTES = 80;

    // FfmFiles
    static final MethodHandle CHDIR = withErrno("chdir", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle UMASK = plain("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle CHOWN = withErrno("chown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle LCHOWN =
            withErrno("lchown", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    static final MethodHandle FCHOWN =
            withErrno("fchown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle CHMOD = withErrno("chmod", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle FCHMOD = withErrno("fchmod", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SYMLINK = withErrno("symlink", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle MKDIR = withErrno("mkdir", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    /** {@code int open(const char *path, int flags, ...)}: the mode is variadic. */
    static final MethodHandle OPEN = withErrno(
            "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));

    static final MethodHandle CLOSE = withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle READ = withErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle WRITE =
            withErrno("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle DUP2 = withErrno("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle MKDIRAT =
            withErrno("mkdirat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle RENAMEAT =
            withErrno("renameat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    static final MethodHandle UNLINKAT =
            withErrno("unlinkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle FSYNC = withErrno("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle FSTATAT =
            withErrno("fstatat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final MethodHandle READLINKAT =
            withErrno("readlinkat", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));

    /** {@code int ioctl(int fd, unsigned long request, ...)}: the argument is variadic. */
    static final MethodHandle IOCTL = withErrno(
            "ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));

    // FfmBlock (open, close, fsync and ioctl are FfmFiles'; off_t is long)
    static final MethodHandle STAT = withErrno("stat", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle PREAD =
            withErrno("pread", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    static final MethodHandle PWRITE =
            withErrno("pwrite", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));

    // FfmMounts
    static final MethodHandle MOUNT =
            withErrno("mount", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle UMOUNT2 = withErrno("umount2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    // FfmSignals
    static final MethodHandle KILL = withErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle TGKILL =
            withErrno("tgkill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle SIGPROCMASK =
            withErrno("sigprocmask", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle SIGNALFD =
            withErrno("signalfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    // FfmSockets
    static final MethodHandle SOCKET =
            withErrno("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle BIND = withErrno("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SETSOCKOPT =
            withErrno("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SENDTO = withErrno(
            "sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle RECV =
            withErrno("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    /** {@code int poll(struct pollfd *fds, nfds_t nfds, int timeout)}, nfds_t being unsigned long. */
    static final MethodHandle POLL = withErrno("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    // FfmProcesses
    static final MethodHandle WAITID =
            withErrno("waitid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // The posix_spawn family returns an error number instead of setting errno.
    static final MethodHandle POSIX_SPAWN =
            plain("posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle POSIX_SPAWNATTR_INIT =
            plain("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle POSIX_SPAWNATTR_DESTROY =
            plain("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle POSIX_SPAWNATTR_SETFLAGS =
            plain("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    static final MethodHandle POSIX_SPAWNATTR_SETSIGMASK =
            plain("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle POSIX_SPAWNATTR_SETSIGDEFAULT =
            plain("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle POSIX_SPAWN_FILE_ACTIONS_INIT =
            plain("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle POSIX_SPAWN_FILE_ACTIONS_DESTROY =
            plain("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR_NP =
            plain("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP =
            plain("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle EXECVE = withErrno("execve", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle SETSID = withErrno("setsid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle SETGROUPS = withErrno("setgroups", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    static final MethodHandle SETGID = withErrno("setgid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SETUID = withErrno("setuid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    /**
     * {@code long syscall(long number, ...)} with three arguments. Each goes as a long because the
     * kernel reads whole registers: a pointer needs all 64 bits, and a variadic int would leave the
     * upper half undefined.
     */
    static final MethodHandle SYSCALL = withErrno(
            "syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    /** {@link #SYSCALL} with four arguments (openat2). */
    static final MethodHandle SYSCALL4 = withErrno(
            "syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    static final MethodHandle SETNS = withErrno("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle GETPID = plain("getpid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle GETTID = plain("gettid", FunctionDescriptor.of(JAVA_INT));

    // FfmMachine
    static final MethodHandle SETHOSTNAME =
            withErrno("sethostname", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle REBOOT = withErrno("reboot", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SYNC = plain("sync", FunctionDescriptor.ofVoid());
    // The address as a long: x86_64 passes a pointer and a long in the same register.
    static final MethodHandle MADVISE =
            withErrno("madvise", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));

    private Libc() {}

    private static MethodHandle withErrno(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = ERRNO;
        System.arraycopy(options, 0, all, 1, options.length);
        return plain(name, descriptor, all);
    }

    // Linking to native code is a restricted operation: the JVM warns unless native access is enabled
    // (--enable-native-access=ALL-UNNAMED, or Enable-Native-Access in the jar's manifest).
    @SuppressWarnings("restricted")
    private static MethodHandle plain(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment function = LOOKUP.findOrThrow(name);
        return LINKER.downcallHandle(function, descriptor, options);
    }
}
