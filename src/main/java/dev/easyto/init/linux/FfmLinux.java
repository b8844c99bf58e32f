package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.CLOSE_RANGE_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.POLLNVAL;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSID;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSIGDEF;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSIGMASK;
import static dev.easyto.init.linux.LinuxConstants.SYS_CLOSE_RANGE;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETGROUPS;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETRESGID;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETRESUID;
import static dev.easyto.init.linux.LinuxConstants.WNOHANG;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link Linux} system calls through the C library and the Foreign Function &amp; Memory API,
 * errno captured with each call ({@code Linker.Option.captureCallState}).
 *
 * <p>Memory for arguments comes from a confined arena per call that is closed before the method
 * returns, so nothing native outlives a call. Segments passed in (buffers, socket addresses, ioctl
 * arguments) must be native segments; they stay the caller's.
 *
 * <p>Only for x86_64: system call numbers, the flag values in {@link LinuxConstants} and the
 * layouts read here are that architecture's.
 */
public final class FfmLinux implements Linux {
    private static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("amd64", "x86_64");
    private static final FfmLinux INSTANCE = new FfmLinux();

    private FfmLinux() {}

    /**
     * The FFM backend for this machine: the only one in JVM mode (the application, dev mode, the
     * tests); {@link SystemCalls} makes it the CDI bean.
     *
     * @throws UnsupportedOperationException on anything but x86_64, where the numbers would be wrong
     */
    public static FfmLinux instance() {
        String architecture = System.getProperty("os.arch");
        if (!SUPPORTED_ARCHITECTURES.contains(architecture)) {
            throw new UnsupportedOperationException(
                    "system calls are only implemented for x86_64, not " + architecture);
        }
        return INSTANCE;
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSource = cStringOrNull(arena, source);
            MemorySegment cTarget = cString(arena, target);
            MemorySegment cType = cStringOrNull(arena, fstype);
            MemorySegment cData = cStringOrNull(arena, data);
            call(arena, "mount", quote(source) + ", " + quote(target), state ->
                    (int) Libc.MOUNT.invokeExact(state, cSource, cTarget, cType, flags, cData));
        }
    }

    @Override
    public void umount2(String target, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cTarget = cString(arena, target);
            call(arena, "umount2", quote(target) + ", " + hex(flags), state ->
                    (int) Libc.UMOUNT2.invokeExact(state, cTarget, flags));
        }
    }

    @Override
    public void sethostname(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = cString(arena, name);
            long length = name.getBytes(StandardCharsets.UTF_8).length;
            call(arena, "sethostname", quote(name), state -> (int) Libc.SETHOSTNAME.invokeExact(state, cName, length));
        }
    }

    @Override
    public void reboot(int cmd) {
        call("reboot", hex(cmd), state -> (int) Libc.REBOOT.invokeExact(state, cmd));
    }

    @Override
    public void sync() {
        invoke(() -> {
            Libc.SYNC.invokeExact();
            return 0;
        });
    }

    @Override
    public void kill(int pid, int signal) {
        call("kill", pid + ", " + signalArgument(signal), state -> (int) Libc.KILL.invokeExact(state, pid, signal));
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        call("tgkill", tgid + ", " + tid + ", " + signalArgument(signal), state ->
                (int) Libc.TGKILL.invokeExact(state, tgid, tid, signal));
    }

    @Override
    public ChildExit waitid(int idType, int id, int options) {
        String arguments = idTypeName(idType) + ", " + id + ", " + hex(options);
        try (Arena arena = Arena.ofConfined()) {
            // Zeroed by the arena: with WNOHANG the kernel leaves si_pid 0 when no child is ready.
            MemorySegment info = arena.allocate(Libc.SIGINFO_T_BYTES, 8);
            restartingOnEintr(() -> call(arena, "waitid", arguments, state ->
                    (int) Libc.WAITID.invokeExact(state, idType, id, info, options)));
            // siginfo_t on x86_64: si_code at 8; for SIGCHLD si_pid at 16 and si_status at 24.
            int pid = info.get(JAVA_INT, 16);
            if (pid == 0 && (options & WNOHANG) != 0) {
                return null;
            }
            return new ChildExit(pid, info.get(JAVA_INT, 8), info.get(JAVA_INT, 24));
        }
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSet = set == null ? MemorySegment.NULL : sigset(arena, set);
            MemorySegment old = sigset(arena, SignalSet.EMPTY);
            call(arena, "sigprocmask", howName(how) + ", " + (set == null ? "NULL" : set), state ->
                    (int) Libc.SIGPROCMASK.invokeExact(state, how, cSet, old));
            return new SignalSet(old.get(JAVA_LONG, 0));
        }
    }

    @Override
    public int signalfd(SignalSet set, int flags) {
        return signalfd(-1, set, flags);
    }

    @Override
    public int signalfd(int fd, SignalSet set, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSet = sigset(arena, set);
            return (int) call(arena, "signalfd", fd + ", " + set + ", " + hex(flags), state ->
                    (int) Libc.SIGNALFD.invokeExact(state, fd, cSet, flags));
        }
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Libc.SIGNALFD_SIGINFO_BYTES, 8);
            long count = Libc.SIGNALFD_SIGINFO_BYTES;
            long read = restartingOnEintr(() -> call(arena, "read", String.valueOf(signalFd), state ->
                    (long) Libc.READ.invokeExact(state, signalFd, info, count)));
            if (read != count) {
                throw new IllegalStateException(
                        "read " + read + " bytes from fd " + signalFd + ", which is not a signalfd");
            }
            // struct signalfd_siginfo: ssi_signo at 0, ssi_pid at 12.
            return new SignalInfo(info.get(JAVA_INT, 0), info.get(JAVA_INT, 12));
        }
    }

    @Override
    public int posixSpawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            MemorySegment cArgv = cStrings(arena, argv);
            MemorySegment cEnv = cStrings(arena, env);
            MemorySegment pid = arena.allocate(JAVA_INT);
            MemorySegment attributes = arena.allocate(Libc.POSIX_SPAWNATTR_T_BYTES, 8);
            MemorySegment actions = arena.allocate(Libc.POSIX_SPAWN_FILE_ACTIONS_T_BYTES, 8);
            spawnCall("posix_spawnattr_init", "", () -> (int) Libc.POSIX_SPAWNATTR_INIT.invokeExact(attributes));
            try {
                setUpAttributes(arena, attributes, options);
                setUpFileActions(arena, actions, options.workingDirectory());
                try {
                    spawnCall("posix_spawn", quote(path), () ->
                            (int) Libc.POSIX_SPAWN.invokeExact(pid, cPath, actions, attributes, cArgv, cEnv));
                    return pid.get(JAVA_INT, 0);
                } finally {
                    // Frees what the add*_np actions allocated inside the C library.
                    invoke(() -> (int) Libc.POSIX_SPAWN_FILE_ACTIONS_DESTROY.invokeExact(actions));
                }
            } finally {
                invoke(() -> (int) Libc.POSIX_SPAWNATTR_DESTROY.invokeExact(attributes));
            }
        }
    }

    private static void setUpAttributes(Arena arena, MemorySegment attributes, SpawnOptions options) {
        int flags = 0;
        if (options.newSession()) {
            flags |= POSIX_SPAWN_SETSID;
        }
        if (options.resetSignals()) {
            flags |= POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
            MemorySegment none = sigset(arena, SignalSet.EMPTY);
            MemorySegment all = sigset(arena, SignalSet.all());
            spawnCall("posix_spawnattr_setsigmask", SignalSet.EMPTY.toString(), () ->
                    (int) Libc.POSIX_SPAWNATTR_SETSIGMASK.invokeExact(attributes, none));
            spawnCall("posix_spawnattr_setsigdefault", "all signals", () ->
                    (int) Libc.POSIX_SPAWNATTR_SETSIGDEFAULT.invokeExact(attributes, all));
        }
        short cFlags = (short) flags;
        spawnCall("posix_spawnattr_setflags", hex(flags), () ->
                (int) Libc.POSIX_SPAWNATTR_SETFLAGS.invokeExact(attributes, cFlags));
    }

    /**
     * The child closes every descriptor above stderr: the JVM keeps jars, sockets and pipes open
     * without close-on-exec, and none of them belongs to the program being started.
     */
    private static void setUpFileActions(Arena arena, MemorySegment actions, String directory) {
        spawnCall("posix_spawn_file_actions_init", "", () ->
                (int) Libc.POSIX_SPAWN_FILE_ACTIONS_INIT.invokeExact(actions));
        try {
            if (directory != null) {
                MemorySegment cDirectory = cString(arena, directory);
                spawnCall("posix_spawn_file_actions_addchdir_np", quote(directory), () ->
                        (int) Libc.POSIX_SPAWN_FILE_ACTIONS_ADDCHDIR_NP.invokeExact(actions, cDirectory));
            }
            spawnCall("posix_spawn_file_actions_addclosefrom_np", "3", () ->
                    (int) Libc.POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP.invokeExact(actions, 3));
        } catch (RuntimeException e) {
            invoke(() -> (int) Libc.POSIX_SPAWN_FILE_ACTIONS_DESTROY.invokeExact(actions));
            throw e;
        }
    }

    @Override
    public void closeRangeOnExec(int first) {
        long from = first;
        call("close_range", first + ", ~0U, CLOSE_RANGE_CLOEXEC", state ->
                (long) Libc.SYSCALL.invokeExact(state, SYS_CLOSE_RANGE, from, 0xFFFF_FFFFL, CLOSE_RANGE_CLOEXEC));
    }

    @Override
    public void execve(String path, List<String> argv, List<String> env) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            MemorySegment cArgv = cStrings(arena, argv);
            MemorySegment cEnv = cStrings(arena, env);
            call(arena, "execve", quote(path), state -> (int) Libc.EXECVE.invokeExact(state, cPath, cArgv, cEnv));
        }
        throw new IllegalStateException("execve(" + quote(path) + ") returned without failing");
    }

    @Override
    public int setsid() {
        return (int) call("setsid", "", state -> (int) Libc.SETSID.invokeExact(state));
    }

    @Override
    public void setgroups(long[] gids) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = gidList(arena, gids);
            long size = gids.length;
            call(arena, "setgroups", ids(gids), state -> (int) Libc.SETGROUPS.invokeExact(state, size, list));
        }
    }

    @Override
    public void setgid(long gid) {
        int cGid = id(gid);
        call("setgid", String.valueOf(gid), state -> (int) Libc.SETGID.invokeExact(state, cGid));
    }

    @Override
    public void setuid(long uid) {
        int cUid = id(uid);
        call("setuid", String.valueOf(uid), state -> (int) Libc.SETUID.invokeExact(state, cUid));
    }

    @Override
    public void threadSetgroups(long[] gids) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = gidList(arena, gids);
            long size = gids.length;
            long address = list.address();
            call(arena, "setgroups", ids(gids), state ->
                    (long) Libc.SYSCALL.invokeExact(state, SYS_SETGROUPS, size, address, 0L));
        }
    }

    @Override
    public void threadSetresgid(long rgid, long egid, long sgid) {
        long r = id(rgid);
        long e = id(egid);
        long s = id(sgid);
        call("setresgid", rgid + ", " + egid + ", " + sgid, state ->
                (long) Libc.SYSCALL.invokeExact(state, SYS_SETRESGID, r, e, s));
    }

    @Override
    public void threadSetresuid(long ruid, long euid, long suid) {
        long r = id(ruid);
        long e = id(euid);
        long s = id(suid);
        call("setresuid", ruid + ", " + euid + ", " + suid, state ->
                (long) Libc.SYSCALL.invokeExact(state, SYS_SETRESUID, r, e, s));
    }

    @Override
    public void chdir(String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            call(arena, "chdir", quote(path), state -> (int) Libc.CHDIR.invokeExact(state, cPath));
        }
    }

    @Override
    public int umask(int mask) {
        return (int) invoke(() -> (int) Libc.UMASK.invokeExact(mask));
    }

    @Override
    public void chown(String path, long uid, long gid) {
        int cUid = id(uid);
        int cGid = id(gid);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            call(arena, "chown", quote(path) + ", " + uid + ", " + gid, state ->
                    (int) Libc.CHOWN.invokeExact(state, cPath, cUid, cGid));
        }
    }

    @Override
    public void lchown(String path, long uid, long gid) {
        int cUid = id(uid);
        int cGid = id(gid);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            call(arena, "lchown", quote(path) + ", " + uid + ", " + gid, state ->
                    (int) Libc.LCHOWN.invokeExact(state, cPath, cUid, cGid));
        }
    }

    @Override
    public void fchown(int fd, long uid, long gid) {
        int cUid = id(uid);
        int cGid = id(gid);
        call("fchown", fd + ", " + uid + ", " + gid, state -> (int) Libc.FCHOWN.invokeExact(state, fd, cUid, cGid));
    }

    @Override
    public void chmod(String path, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            call(arena, "chmod", quote(path) + ", " + octal(mode), state ->
                    (int) Libc.CHMOD.invokeExact(state, cPath, mode));
        }
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            call(arena, "mkdir", quote(path) + ", " + octal(mode), state ->
                    (int) Libc.MKDIR.invokeExact(state, cPath, mode));
        }
    }

    @Override
    public int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = cString(arena, path);
            return (int) call(arena, "open", quote(path) + ", " + hex(flags), state ->
                    (int) Libc.OPEN.invokeExact(state, cPath, flags, mode));
        }
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

    @Override
    public int socket(int domain, int type, int protocol) {
        return (int) call("socket", domain + ", " + hex(type) + ", " + protocol, state ->
                (int) Libc.SOCKET.invokeExact(state, domain, type, protocol));
    }

    @Override
    public void bind(int fd, MemorySegment address) {
        int length = Math.toIntExact(address.byteSize());
        call("bind", String.valueOf(fd), state -> (int) Libc.BIND.invokeExact(state, fd, address, length));
    }

    @Override
    public void setsockopt(int fd, int level, int option, MemorySegment value) {
        int length = Math.toIntExact(value.byteSize());
        call("setsockopt", fd + ", " + level + ", " + option, state ->
                (int) Libc.SETSOCKOPT.invokeExact(state, fd, level, option, value, length));
    }

    @Override
    public long sendto(int fd, MemorySegment buffer, int flags, MemorySegment address) {
        long size = buffer.byteSize();
        int length = Math.toIntExact(address.byteSize());
        return call("sendto", fd + ", " + hex(flags), state ->
                (long) Libc.SENDTO.invokeExact(state, fd, buffer, size, flags, address, length));
    }

    @Override
    public long recv(int fd, MemorySegment buffer, int flags) {
        long size = buffer.byteSize();
        return call(
                "recv", fd + ", " + hex(flags), state -> (long) Libc.RECV.invokeExact(state, fd, buffer, size, flags));
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        String arguments = fd + ", " + hex(events) + ", " + timeoutMillis;
        try (Arena arena = Arena.ofConfined()) {
            // struct pollfd: int fd, short events, short revents.
            MemorySegment pollFd = arena.allocate(8, 4);
            pollFd.set(JAVA_INT, 0, fd);
            pollFd.set(JAVA_SHORT, 4, (short) events);
            long ready = restartingOnEintr(() -> call(
                    arena, "poll", arguments, state -> (int) Libc.POLL.invokeExact(state, pollFd, 1L, timeoutMillis)));
            if (ready == 0) {
                return 0;
            }
            int revents = Short.toUnsignedInt(pollFd.get(JAVA_SHORT, 6));
            if ((revents & POLLNVAL) != 0) {
                throw new SyscallException("poll", arguments, Errno.EBADF);
            }
            return revents;
        }
    }

    @Override
    public void setns(int fd, int nstype) {
        call("setns", fd + ", " + hex(nstype), state -> (int) Libc.SETNS.invokeExact(state, fd, nstype));
    }

    @Override
    public int getpid() {
        return (int) invoke(() -> (int) Libc.GETPID.invokeExact());
    }

    @Override
    public int gettid() {
        return (int) invoke(() -> (int) Libc.GETTID.invokeExact());
    }

    /** A call to a downcall handle, which declares Throwable but throws nothing checked. */
    @FunctionalInterface
    private interface Invocation {
        long invoke() throws Throwable;
    }

    /** A call to a function that sets errno, given the segment its value is captured into. */
    @FunctionalInterface
    private interface ErrnoInvocation {
        long invoke(MemorySegment callState) throws Throwable;
    }

    private static long invoke(Invocation invocation) {
        try {
            return invocation.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static long call(String name, String arguments, ErrnoInvocation invocation) {
        try (Arena arena = Arena.ofConfined()) {
            return call(arena, name, arguments, invocation);
        }
    }

    /** Calls a function that returns -1 and sets errno on failure, and throws for that failure. */
    private static long call(Arena arena, String name, String arguments, ErrnoInvocation invocation) {
        MemorySegment state = arena.allocate(Libc.CALL_STATE);
        long result = invoke(() -> invocation.invoke(state));
        if (result == -1) {
            throw new SyscallException(name, arguments, state.get(JAVA_INT, Libc.ERRNO_OFFSET));
        }
        return result;
    }

    /** Calls a function that returns an error number, as the posix_spawn family does. */
    private static void spawnCall(String name, String arguments, Invocation invocation) {
        int error = (int) invoke(invocation);
        if (error != 0) {
            throw new SyscallException(name, arguments, error);
        }
    }

    @FunctionalInterface
    private interface Retryable {
        long attempt();
    }

    private static long restartingOnEintr(Retryable call) {
        while (true) {
            try {
                return call.attempt();
            } catch (SyscallException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    private static MemorySegment cString(Arena arena, String string) {
        if (string.indexOf('\0') >= 0) {
            // C would see only the part before the NUL, a different path or argument than asked for.
            throw new IllegalArgumentException("NUL inside a C string: " + quote(string));
        }
        return arena.allocateFrom(string);
    }

    private static MemorySegment cStringOrNull(Arena arena, String string) {
        return string == null ? MemorySegment.NULL : cString(arena, string);
    }

    /** A NULL-terminated {@code char *[]}, as argv and envp are. */
    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, cString(arena, strings.get(i)));
        }
        return array;
    }

    /** A glibc {@code sigset_t}: the kernel's 64 bits first, the rest unused. */
    private static MemorySegment sigset(Arena arena, SignalSet set) {
        MemorySegment sigset = arena.allocate(Libc.SIGSET_T_BYTES, 8);
        sigset.set(JAVA_LONG, 0, set.bits());
        return sigset;
    }

    private static MemorySegment gidList(Arena arena, long[] gids) {
        MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.length));
        for (int i = 0; i < gids.length; i++) {
            list.setAtIndex(JAVA_INT, i, id(gids[i]));
        }
        return list;
    }

    /**
     * A uid or gid as the 32-bit C type; -1 (all ones) is the "unchanged" value of chown and the
     * setres calls. Larger values would be silently cut to another id.
     */
    private static int id(long id) {
        if (id < -1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a user or group id: " + id);
        }
        return (int) id;
    }

    /** The ids, or their count when there are so many that the message would drown in them. */
    private static String ids(long[] ids) {
        return ids.length <= 16 ? Arrays.toString(ids) : ids.length + " ids";
    }

    private static String quote(String string) {
        if (string == null) {
            return "NULL";
        }
        StringBuilder quoted = new StringBuilder(string.length() + 2).append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    private static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }

    private static String signalArgument(int signal) {
        return signal == 0 ? "0" : LinuxConstants.signalName(signal);
    }

    private static String idTypeName(int idType) {
        return switch (idType) {
            case LinuxConstants.P_ALL -> "P_ALL";
            case LinuxConstants.P_PID -> "P_PID";
            case LinuxConstants.P_PGID -> "P_PGID";
            case LinuxConstants.P_PIDFD -> "P_PIDFD";
            default -> String.valueOf(idType);
        };
    }

    private static String howName(int how) {
        return switch (how) {
            case LinuxConstants.SIG_BLOCK -> "SIG_BLOCK";
            case LinuxConstants.SIG_UNBLOCK -> "SIG_UNBLOCK";
            case LinuxConstants.SIG_SETMASK -> "SIG_SETMASK";
            default -> String.valueOf(how);
        };
    }
}
