package dev.easyto.init.process;

import static dev.easyto.init.linux.LinuxConstants.P_ALL;
import static dev.easyto.init.linux.LinuxConstants.WEXITED;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.ProcessCalls;
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
 */
@ApplicationScoped
public class Processes {
    /** A started process and its eventual exit. */
    public record Child(int pid, CompletableFuture<ChildExit> exit) {}

    private final ProcessCalls processCalls;
    private final Object lock = new Object();
    private final Map<Integer, CompletableFuture<ChildExit>> waiting = new HashMap<>();
    private int spawned;
    private boolean started;

    // Credentials are switched on this one thread only (raw per-thread syscalls), so no other
    // Java code ever runs with a dropped identity.
    private final ExecutorService spawner =
            Executors.newSingleThreadExecutor(runnable -> InitThreads.daemon("spawner", runnable));

    public Processes(ProcessCalls processCalls) {
        this.processCalls = processCalls;
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

    /** Starts a process and waits for it to end. */
    public ChildExit run(SpawnRequest request) {
        return spawn(request).exit().join();
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
            waiting.put(pid, exit);
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
            ChildExit exit;
            try {
                exit = processCalls.waitid(P_ALL, 0, WEXITED);
            } catch (SyscallException e) {
                if (e.is(Errno.ECHILD)) {
                    awaitSpawnAfter(spawnedBefore);
                } else if (!e.is(Errno.EINTR)) {
                    Console.warn("waitid failed: %s", e.getMessage());
                }
                continue;
            }
            if (exit == null) {
                continue;
            }
            CompletableFuture<ChildExit> future;
            synchronized (lock) {
                // Taking the lock also waits out a spawn in progress, so its pid is registered.
                future = waiting.remove(exit.pid());
            }
            if (future != null) {
                future.complete(exit);
            } else {
                Console.debug("reaped orphan %d: %s", exit.pid(), exit.describe());
            }
        }
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
