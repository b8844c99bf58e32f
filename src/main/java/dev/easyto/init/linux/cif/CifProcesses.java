package dev.easyto.init.linux.cif;

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
import static dev.easyto.init.linux.cif.Calls.checked;
import static dev.easyto.init.linux.cif.Calls.spawnChecked;
import static dev.easyto.init.linux.cif.CifSignals.sigset;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SpawnOptions;
import java.util.List;
import org.graalvm.word.PointerBase;

/** {@link ProcessCalls} through the C library. */
final class CifProcesses implements ProcessCalls {

    @Override
    public int posixSpawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        String arguments = quote(path);
        int[] pid = new int[1];
        // Opaque to us: sized as glibc's types, 8-byte aligned as long arrays are.
        long[] attributes = new long[Libc.POSIX_SPAWNATTR_T_BYTES / Long.BYTES];
        long[] actions = new long[Libc.POSIX_SPAWN_FILE_ACTIONS_T_BYTES / Long.BYTES];
        try (Pins pins = new Pins()) {
            PointerBase cAttributes = pins.longs(attributes);
            PointerBase cActions = pins.longs(actions);
            spawnChecked(Libc.posixSpawnattrInit(cAttributes), "posix_spawnattr_init", "");
            try {
                setUpAttributes(pins, cAttributes, options);
                setUpFileActions(pins, cActions, options.workingDirectory());
                try {
                    spawnChecked(
                            Libc.posixSpawn(
                                    pins.ints(pid),
                                    pins.string(path),
                                    cActions,
                                    cAttributes,
                                    pins.strings(argv),
                                    pins.strings(env)),
                            "posix_spawn",
                            arguments);
                    return pid[0];
                } finally {
                    // Frees what the add*_np actions allocated inside the C library.
                    Libc.posixSpawnFileActionsDestroy(cActions);
                }
            } finally {
                Libc.posixSpawnattrDestroy(cAttributes);
            }
        }
    }

    private static void setUpAttributes(Pins pins, PointerBase attributes, SpawnOptions options) {
        int flags = 0;
        if (options.newSession()) {
            flags |= POSIX_SPAWN_SETSID;
        }
        if (options.resetSignals()) {
            flags |= POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
            spawnChecked(
                    Libc.posixSpawnattrSetsigmask(attributes, pins.longs(sigset(SignalSet.EMPTY))),
                    "posix_spawnattr_setsigmask",
                    SPAWN_SIGMASK);
            spawnChecked(
                    Libc.posixSpawnattrSetsigdefault(attributes, pins.longs(sigset(SignalSet.all()))),
                    "posix_spawnattr_setsigdefault",
                    SPAWN_SIGDEFAULT);
        }
        spawnChecked(Libc.posixSpawnattrSetflags(attributes, (short) flags), "posix_spawnattr_setflags", hex(flags));
    }

    /**
     * The child closes every descriptor above stderr: none of those the init holds belongs to the
     * program being started.
     */
    private static void setUpFileActions(Pins pins, PointerBase actions, String directory) {
        spawnChecked(Libc.posixSpawnFileActionsInit(actions), "posix_spawn_file_actions_init", "");
        try {
            if (directory != null) {
                spawnChecked(
                        Libc.posixSpawnFileActionsAddchdirNp(actions, pins.string(directory)),
                        "posix_spawn_file_actions_addchdir_np",
                        quote(directory));
            }
            spawnChecked(
                    Libc.posixSpawnFileActionsAddclosefromNp(actions, SPAWN_CLOSE_FROM),
                    "posix_spawn_file_actions_addclosefrom_np",
                    String.valueOf(SPAWN_CLOSE_FROM));
        } catch (RuntimeException e) {
            Libc.posixSpawnFileActionsDestroy(actions);
            throw e;
        }
    }

    @Override
    public ChildExit waitid(int idType, int id, int options) {
        String arguments = CallFormat.waitid(idType, id, options);
        // siginfo_t as ints, zeroed: with WNOHANG the kernel leaves si_pid 0 when no child is ready.
        // On x86_64 si_code is at byte 8; for SIGCHLD si_pid at 16 and si_status at 24.
        int[] info = new int[Libc.SIGINFO_T_BYTES / Integer.BYTES];
        restartingOnEintr(() -> waitid(idType, id, info, options, arguments));
        return CallFormat.waitidResult(info[4], info[2], info[6], options);
    }

    /** One attempt; word values (the pinned address) cannot be passed into the retrying lambda. */
    private static long waitid(int idType, int id, int[] info, int options, String arguments) {
        try (Pins pins = new Pins()) {
            return checked(Libc.waitid(idType, id, pins.ints(info), options), "waitid", arguments);
        }
    }

    @Override
    public void closeRangeOnExec(int first) {
        String arguments = CallFormat.closeRangeOnExec(first);
        checked(Libc.syscall(SYS_CLOSE_RANGE, first, 0xFFFF_FFFFL, CLOSE_RANGE_CLOEXEC), "close_range", arguments);
    }

    @Override
    public void execve(String path, List<String> argv, List<String> env) {
        String arguments = quote(path);
        try (Pins pins = new Pins()) {
            checked(Libc.execve(pins.string(path), pins.strings(argv), pins.strings(env)), "execve", arguments);
        }
        throw new IllegalStateException("execve(" + arguments + ") returned without failing");
    }

    @Override
    public int setsid() {
        return (int) checked(Libc.setsid(), "setsid", "");
    }

    @Override
    public void setgroups(long[] gids) {
        String arguments = CallFormat.ids(gids);
        try (Pins pins = new Pins()) {
            checked(Libc.setgroups(gids.length, pins.ints(gidList(gids))), "setgroups", arguments);
        }
    }

    @Override
    public void setgid(long gid) {
        int cGid = id(gid);
        String arguments = String.valueOf(gid);
        checked(Libc.setgid(cGid), "setgid", arguments);
    }

    @Override
    public void setuid(long uid) {
        int cUid = id(uid);
        String arguments = String.valueOf(uid);
        checked(Libc.setuid(cUid), "setuid", arguments);
    }

    @Override
    public void threadSetgroups(long[] gids) {
        String arguments = CallFormat.ids(gids);
        try (Pins pins = new Pins()) {
            long list = pins.ints(gidList(gids)).rawValue();
            checked(Libc.syscall(SYS_SETGROUPS, gids.length, list, 0L), "setgroups", arguments);
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
        String arguments = CallFormat.threeIds(real, effective, saved);
        checked(Libc.syscall(number, r, e, s), name, arguments);
    }

    @Override
    public void setns(int fd, int nstype) {
        String arguments = CallFormat.fdAndFlags(fd, nstype);
        checked(Libc.setns(fd, nstype), "setns", arguments);
    }

    @Override
    public int getpid() {
        return Libc.getpid();
    }

    @Override
    public int gettid() {
        return Libc.gettid();
    }

    /** gid_t values; never empty, so that even no groups has an address to pass. */
    private static int[] gidList(long[] gids) {
        int[] list = new int[Math.max(1, gids.length)];
        for (int i = 0; i < gids.length; i++) {
            list[i] = id(gids[i]);
        }
        return list;
    }
}
