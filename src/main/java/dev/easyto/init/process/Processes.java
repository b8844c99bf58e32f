package dev.easyto.init.process;

import static dev.easyto.init.linux.LinuxConstants.P_ALL;
import static dev.easyto.init.linux.LinuxConstants.P_PID;
import static dev.easyto.init.linux.LinuxConstants.WEXITED;
import static dev.easyto.init.linux.LinuxConstants.WNOHANG;
import static dev.easyto.init.linux.LinuxConstants.WNOWAIT;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SpawnOptions;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every child of PID 1 goes through here: one spawning thread starts them, one reaper thread
 * collects every exit with {@code waitid(P_ALL)} (orphans re-parented to us included) and hands
 * each status to whoever spawned that pid. Nothing else waits on children, so no status is ever
 * stolen and no zombie is left behind.
 *
 * <p>A pid names a process only until it is reaped; after that the kernel may give it to the next
 * fork. So a pid is looked up, reaped and forgotten in one step under {@link #lock}, which every
 * spawn holds from {@code posix_spawn} to registering its waiter: the reaper first only looks at
 * an exit ({@code WNOWAIT}, the child stays a zombie and keeps its pid), then, under the lock,
 * takes the waiter and reaps that pid. A spawn can then never reuse a pid whose old waiter is still
 * registered, and an exit is never handed to a waiter registered after it (an orphan's status to
 * a new child that got its pid). A child that exits before its spawn has registered it is found
 * too, since the lookup waits for the lock. {@link #signal} holds the same lock, so it never
 * signals a pid that has been reaped and perhaps reused.
 */
@ApplicationScoped
public class Processes {
    /** A started process and its eventual exit. */
    public record Child(int pid, CompletableFuture<ChildExit> exit) {}

    private final ProcessCalls processCalls;
    private final SignalCalls signalCalls;
    private final Object lock = new Object();
    private final Map<Integer, CompletableFuture<ChildExit>> waiting = new HashMap<>();
    private int spawned;
    private boolean started;

    // Credentials are switched on this one thread only (raw per-thread syscalls), so no other
    // Java code ever runs with a dropped identity.
    private final ExecutorService spawner =
            Executors.newSingleThreadExecutor(runnable -> InitThreads.daemon("spawner", runnable));

    public Processes(ProcessCalls processCalls, SignalCalls signalCalls) {
        this.processCalls = processCalls;
        this.signalCalls = signalCalls;
    }

    public void start() {
        synchronized (lock) {
            if (started) {
                return;
            }
            started = true;
        }
        InitThreads.daemon("reaper", this::reap).start();
    }

    /** Starts a process; throws the spawn failure (e.g. ENOENT for a missing executable). */
    public Child spawn(SpawnRequest request) {
        try {
            return spawner.submit(() -> spawnHere(request)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spawning " + request.path(), e);
        }
    }

    /**
     * Sends {@code signal} to a child of ours unless it has been reaped already: its pid may then
     * name another process. Returns whether it was sent; a child that is a zombie, reaped the next
     * moment, counts as sent.
     */
    public boolean signal(Child child, int signal) {
        synchronized (lock) {
            if (waiting.get(child.pid()) != child.exit()) {
                return false;
            }
            try {
                signalCalls.kill(child.pid(), signal);
            } catch (SyscallException e) {
                if (!e.is(Errno.ESRCH)) {
                    throw e;
                }
            }
            return true;
        }
    }

    private Child spawnHere(SpawnRequest request) {
        SpawnOptions options = new SpawnOptions(request.workingDir(), true, true);
        synchronized (lock) {
            int pid;
            Identity identity = request.identity();
            if (identity.isRoot()) {
                pid = processCalls.posixSpawn(request.path(), request.argv(), request.env(), options);
            } else {
                identity.assumeOnThisThread(processCalls);
                try {
                    pid = processCalls.posixSpawn(request.path(), request.argv(), request.env(), options);
                } finally {
                    Identity.restoreRoot(processCalls);
                }
            }
            CompletableFuture<ChildExit> exit = new CompletableFuture<>();
            CompletableFuture<ChildExit> stale = waiting.put(pid, exit);
            if (stale != null) {
                // Cannot happen while reaping keeps to the lock; were it to, say so rather than
                // let a waiter hang without a word.
                Console.warn("pid %d spawned while an earlier process with that pid was not reaped", pid);
                stale.completeExceptionally(new IllegalStateException("pid " + pid + " reused before it was reaped"));
            }
            spawned++;
            lock.notifyAll();
            return new Child(pid, exit);
        }
    }

    private void reap() {
        while (true) {
            int spawnedBefore;
            synchronized (lock) {
                spawnedBefore = spawned;
            }
            ChildExit seen;
            try {
                // Only look: the child stays a zombie, and its pid is not free for reuse, until it
                // is reaped below under the lock.
                seen = processCalls.waitid(P_ALL, 0, WEXITED | WNOWAIT);
            } catch (SyscallException e) {
                if (e.is(Errno.ECHILD)) {
                    awaitSpawnAfter(spawnedBefore);
                } else if (!e.is(Errno.EINTR)) {
                    Console.warn("waitid failed: %s", e.getMessage());
                }
                continue;
            }
            if (seen == null) {
                continue;
            }
            CompletableFuture<ChildExit> future;
            ChildExit exit;
            synchronized (lock) {
                // Taking the lock also waits out a spawn in progress, so its pid is registered.
                future = waiting.remove(seen.pid());
                try {
                    exit = reapNow(seen);
                } catch (SyscallException e) {
                    // Only ECHILD could get here, if something else reaped it: the exit seen is
                    // still how it ended.
                    Console.warn("waitid on pid %d failed: %s", seen.pid(), e.getMessage());
                    exit = seen;
                }
            }
            if (future != null) {
                future.complete(exit);
            } else {
                Console.debug("reaped orphan %d: %s", exit.pid(), exit.describe());
            }
        }
    }

    /** Reaps the child seen; what it reports is the same exit, now collected. */
    private ChildExit reapNow(ChildExit seen) {
        ChildExit reaped = processCalls.waitid(P_PID, seen.pid(), WEXITED | WNOHANG);
        return reaped == null ? seen : reaped;
    }

    /**
     * With no children at all there is nothing to reap until the next spawn: orphans only come
     * from our own descendants, which would have made waitid find a child.
     */
    private void awaitSpawnAfter(int spawnedBefore) {
        synchronized (lock) {
            while (spawned == spawnedBefore) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
