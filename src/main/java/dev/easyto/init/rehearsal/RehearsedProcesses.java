package dev.easyto.init.rehearsal;

import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.P_PID;
import static dev.easyto.init.linux.LinuxConstants.WNOWAIT;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SpawnOptions;
import dev.easyto.init.linux.SyscallException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Processes as a rehearsal starts them: not at all. A spawn is recorded (its argv, never its
 * environment, which may hold fetched secrets) and answered with a made-up pid that the reaper
 * then collects as exited with status 0, so the boot goes on as if each helper had succeeded.
 * Calls that would change the dev JVM's own process (credentials, session, namespaces, exec)
 * change nothing.
 */
final class RehearsedProcesses implements ProcessCalls {
    /** Made-up pids start here, clear of pid 1 and of the small numbers a reader might mistake. */
    private static final int FIRST_PID = 10_000;

    private final ProcessCalls machine;
    private final RehearsalLog log;
    private final AtomicInteger nextPid = new AtomicInteger(FIRST_PID);
    private final Queue<Integer> exited = new ConcurrentLinkedQueue<>();

    RehearsedProcesses(ProcessCalls machine, RehearsalLog log) {
        this.machine = machine;
        this.log = log;
    }

    @Override
    public int posixSpawn(String path, List<String> argv, List<String> env, SpawnOptions options) {
        log.would("run %s", String.join(" ", argv));
        int pid = nextPid.getAndIncrement();
        exited.add(pid);
        return pid;
    }

    /**
     * The made-up children in spawn order; ECHILD when there is none, as the kernel says it. With
     * {@code WNOWAIT} the child is only looked at, and {@code P_PID} collects that one, as the
     * reaper asks.
     */
    @Override
    public ChildExit waitid(int idType, int id, int options) {
        Integer pid;
        if (idType == P_PID) {
            pid = exited.contains(id) ? id : null;
        } else {
            pid = exited.peek();
        }
        if (pid == null) {
            throw new SyscallException("waitid", "rehearsal", Errno.ECHILD);
        }
        if ((options & WNOWAIT) == 0) {
            exited.remove(pid);
        }
        return new ChildExit(pid, CLD_EXITED, 0);
    }

    @Override
    public void closeRangeOnExec(int first) {}

    @Override
    public void execve(String path, List<String> argv, List<String> env) {
        log.would("execute %s in place of PID 1", String.join(" ", argv));
        throw new UnsupportedOperationException("a rehearsal replaces no process");
    }

    @Override
    public int setsid() {
        return machine.getpid();
    }

    @Override
    public void setgroups(long[] gids) {}

    @Override
    public void setgid(long gid) {}

    @Override
    public void setuid(long uid) {}

    // The spawning thread's credentials: a spawn that is only recorded needs none switched.
    @Override
    public void threadSetgroups(long[] gids) {}

    @Override
    public void threadSetresgid(long rgid, long egid, long sgid) {}

    @Override
    public void threadSetresuid(long ruid, long euid, long suid) {}

    @Override
    public void setns(int fd, int nstype) {
        throw new UnsupportedOperationException("a rehearsal joins no namespace");
    }

    @Override
    public int getpid() {
        return machine.getpid();
    }

    @Override
    public int gettid() {
        return machine.gettid();
    }
}
