package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.CallFormat.SPAWN_CLOSE_FROM;
import static dev.easyto.init.linux.CallFormat.SPAWN_SIGDEFAULT;
import static dev.easyto.init.linux.CallFormat.SPAWN_SIGMASK;
import static dev.easyto.init.linux.CallFormat.hex;
import static dev.easyto.init.linux.CallFormat.id;
import static dev.easyto.init.linux.CallFormat.quote;
import static dev.easyto.init.linux.CallFormat.restartingOnEintr;
import static dev.easyto.init.linux.LinuxConstants.CLOSE_RANGE_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSID;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSIGDEF;
import static dev.easyto.init.linux.LinuxConstants.POSIX_SPAWN_SETSIGMASK;
import static dev.easyto.init.linux.LinuxConstants.SYS_CLOSE_RANGE;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETGROUPS;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETRESGID;
import static dev.easyto.init.linux.LinuxConstants.SYS_SETRESUID;
import static dev.easyto.init.linux.ffm.Downcalls.cString;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.invoke;
import static dev.easyto.init.linux.ffm.Downcalls.sigset;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SpawnOptions;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.linux.ffm.Downcalls.Invocation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/** {@link ProcessCalls} through the C library. */
final class FfmProcesses implements ProcessCalls {

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
            spawnCall("posix_spawnattr_setsigmask", SPAWN_SIGMASK, () ->
                    (int) Libc.POSIX_SPAWNATTR_SETSIGMASK.invokeExact(attributes, none));
            spawnCall("posix_spawnattr_setsigdefault", SPAWN_SIGDEFAULT, () ->
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
            spawnCall("posix_spawn_file_actions_addclosefrom_np", String.valueOf(SPAWN_CLOSE_FROM), () ->
                    (int) Libc.POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP.invokeExact(actions, SPAWN_CLOSE_FROM));
        } catch (RuntimeException e) {
            invoke(() -> (int) Libc.POSIX_SPAWN_FILE_ACTIONS_DESTROY.invokeExact(actions));
            throw e;
        }
    }

    @Override
    public ChildExit waitid(int idType, int id, int options) {
        String arguments = CallFormat.waitid(idType, id, options);
        try (Arena arena = Arena.ofConfined()) {
            // Zeroed by the arena: with WNOHANG the kernel leaves si_pid 0 when no child is ready.
            MemorySegment info = arena.allocate(Libc.SIGINFO_T_BYTES, 8);
            restartingOnEintr(() -> call(arena, "waitid", arguments, state ->
                    (int) Libc.WAITID.invokeExact(state, idType, id, info, options)));
            // siginfo_t on x86_64: si_code at 8; for SIGCHLD si_pid at 16 and si_status at 24.
            return CallFormat.waitidResult(
                    info.get(JAVA_INT, 16), info.get(JAVA_INT, 8), info.get(JAVA_INT, 24), options);
        }
    }

    @Override
    public void closeRangeOnExec(int first) {
        long from = first;
        call("close_range", CallFormat.closeRangeOnExec(first), state ->
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
            call(arena, "setgroups", CallFormat.ids(gids), state ->
                    (int) Libc.SETGROUPS.invokeExact(state, size, list));
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
            call(arena, "setgroups", CallFormat.ids(gids), state ->
                    (long) Libc.SYSCALL.invokeExact(state, SYS_SETGROUPS, size, address, 0L));
        }
    }

    @Override
    public void threadSetresgid(long rgid, long egid, long sgid) {
        threadSetres("setresgid", SYS_SETRESGID, rgid, egid, sgid);
    }

    @Override
    public void threadSetresuid(long ruid, long euid, long suid) {
        threadSetres("setresuid", SYS_SETRESUID, ruid, euid, suid);
    }

    /** The raw setresuid or setresgid system call, which changes the calling thread only. */
    private static void threadSetres(String name, long number, long real, long effective, long saved) {
        long r = id(real);
        long e = id(effective);
        long s = id(saved);
        call(name, CallFormat.threeIds(real, effective, saved), state ->
                (long) Libc.SYSCALL.invokeExact(state, number, r, e, s));
    }

    @Override
    public void setns(int fd, int nstype) {
        call("setns", CallFormat.fdAndFlags(fd, nstype), state -> (int) Libc.SETNS.invokeExact(state, fd, nstype));
    }

    @Override
    public int getpid() {
        return (int) invoke(() -> (int) Libc.GETPID.invokeExact());
    }

    @Override
    public int gettid() {
        return (int) invoke(() -> (int) Libc.GETTID.invokeExact());
    }

    /** Calls a function that returns an error number, as the posix_spawn family does. */
    private static void spawnCall(String name, String arguments, Invocation invocation) {
        int error = (int) invoke(invocation);
        if (error != 0) {
            throw new SyscallException(name, arguments, error);
        }
    }

    /** A NULL-terminated {@code char *[]}, as argv and envp are. */
    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, cString(arena, strings.get(i)));
        }
        return array;
    }

    private static MemorySegment gidList(Arena arena, long[] gids) {
        MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, gids.length));
        for (int i = 0; i < gids.length; i++) {
            list.setAtIndex(JAVA_INT, i, id(gids[i]));
        }
        return list;
    }
}
