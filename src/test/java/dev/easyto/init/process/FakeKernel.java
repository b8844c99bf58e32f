package dev.easyto.init.process;

import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.P_ALL;
import static dev.easyto.init.linux.LinuxConstants.P_PID;
import static dev.easyto.init.linux.LinuxConstants.WNOHANG;
import static dev.easyto.init.linux.LinuxConstants.WNOWAIT;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SpawnOptions;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.linux.UnsupportedSignalCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * Children as the kernel keeps them, for the reaper's tests: a pid is given to a spawn as soon as
 * it is free, the lowest first, so a pid is reused the moment its zombie is reaped, the way a busy
 * machine whose pids wrapped around would reuse it. Hooks let a test act at the worst moments: just
 * after a reap, and inside a spawn.
 */
final class FakeKernel extends UnsupportedSignalCalls implements ProcessCalls {
    private static final int FIRST_PID = 100;

    private final Set<Integer> live = new TreeSet<>();
    private final Map<Integer, ChildExit> zombies = new TreeMap<>();
    private final List<String> kills = new ArrayList<>();
    /** Runs on the reaping thread right after a pid is reaped (freed), outside this monitor. */
    volatile IntConsumer afterReap = pid -> {};
    /** Runs inside posix_spawn, with the new pid, before it returns. */
    volatile IntConsumer duringSpawn = pid -> {};

    /** A process re-parented to PID 1 (a daemon's grandchild): ours to reap, spawned by nobody here. */
    synchronized int orphan() {
        int pid = freePid();
        live.add(pid);
        return pid;
    }

    private int freePid() {
        int pid = FIRST_PID;
        while (live.contains(pid) || zombies.containsKey(pid)) {
            pid++;
        }
        return pid;
    }

    synchronized void exit(int pid, int status) {
        if (!live.remove(pid)) {
            throw new IllegalStateException("pid " + pid + " is not running");
        }
        zombies.put(pid, new ChildExit(pid, CLD_EXITED, status));
        notifyAll();
    }

    synchronized List<Integer> livePids() {
        return List.copyOf(live);
    }

    synchronized List<String> kills() {
        return List.copyOf(kills);
    }

    @Override
    public int posixSpawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        int pid;
        synchronized (this) {
            pid = freePid();
            live.add(pid);
        }
        duringSpawn.accept(pid);
        return pid;
    }

    @Override
    public ChildExit waitid(int idType, int id, int options) {
        ChildExit exit;
        synchronized (this) {
            while (true) {
                exit = idType == P_PID
                        ? zombies.get(id)
                        : zombies.values().stream().findFirst().orElse(null);
                boolean anyChild = idType == P_PID
                        ? live.contains(id) || zombies.containsKey(id)
                        : !live.isEmpty() || !zombies.isEmpty();
                if (exit != null) {
                    break;
                }
                if (!anyChild || (idType != P_ALL && idType != P_PID)) {
                    throw new SyscallException("waitid", "fake", Errno.ECHILD);
                }
                if ((options & WNOHANG) != 0) {
                    return null;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SyscallException("waitid", "fake", Errno.EINTR);
                }
            }
            if ((options & WNOWAIT) != 0) {
                return exit;
            }
            zombies.remove(exit.pid());
        }
        afterReap.accept(exit.pid());
        return exit;
    }

    @Override
    public synchronized void kill(int pid, int signal) {
        if (!live.contains(pid) && !zombies.containsKey(pid)) {
            throw new SyscallException("kill", "fake", Errno.ESRCH);
        }
        kills.add(pid + ":" + signal);
    }

    @Override
    public void closeRangeOnExec(int first) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void execve(String path, List<String> argv, List<String> env) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int setsid() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setgroups(long[] gids) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setgid(long gid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setuid(long uid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void threadSetgroups(long[] gids) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void threadSetresgid(long rgid, long egid, long sgid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void threadSetresuid(long ruid, long euid, long suid) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setns(int fd, int nstype) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int getpid() {
        return 1;
    }

    @Override
    public int gettid() {
        return 1;
    }
}
