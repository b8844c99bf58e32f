package dev.easyto.init.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.LinuxConstants;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reaper hands every exit to the waiter of the process that ended, and to no other, on a
 * kernel (FakeKernel) that reuses a pid as soon as it is reaped.
 */
class ProcessesTest {
    private static final SpawnRequest COMMAND = SpawnRequest.asRoot("/bin/true", List.of("/bin/true"), List.of());

    private final FakeKernel kernel = new FakeKernel();
    private final Processes processes = new Processes(kernel, kernel);
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        other.shutdownNow();
    }

    private static ChildExit await(CompletableFuture<ChildExit> exit) throws Exception {
        return exit.get(5, TimeUnit.SECONDS);
    }

    /**
     * Once {@code reaped} has been reaped, and before the reaper goes on, spawns a process from
     * another thread, giving it long enough to take the freed pid unless something holds it off.
     */
    private CompletableFuture<Processes.Child> spawnRightAfterReapOf(int reaped) {
        CompletableFuture<Processes.Child> spawned = new CompletableFuture<>();
        AtomicBoolean once = new AtomicBoolean();
        kernel.afterReap = pid -> {
            if (pid == reaped && once.compareAndSet(false, true)) {
                other.execute(() -> spawned.complete(processes.spawn(COMMAND)));
                try {
                    spawned.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Held off until the reaper is done with the old pid: what must happen.
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return spawned;
    }

    /**
     * The race: the reaper collects pid P, a spawn at that very moment is given P again, and then
     * the reaper looks P up. Reaping only under the spawn lock makes the spawn wait until the old
     * exit has gone to its own waiter.
     */
    @Test
    void aPidReusedRightAfterItsReapGetsOnlyItsOwnExit() throws Exception {
        processes.start();
        Processes.Child first = processes.spawn(COMMAND);
        CompletableFuture<Processes.Child> second = spawnRightAfterReapOf(first.pid());
        kernel.exit(first.pid(), 7);

        ChildExit firstExit = await(first.exit());
        assertEquals(new ChildExit(first.pid(), LinuxConstants.CLD_EXITED, 7), firstExit);
        Processes.Child reused = second.get(5, TimeUnit.SECONDS);
        assertEquals(first.pid(), reused.pid(), "the fake kernel reuses a freed pid at once");
        Thread.sleep(100);
        assertFalse(reused.exit().isDone(), "the new process got an exit before it ended: " + reused.exit());

        kernel.exit(reused.pid(), 9);
        assertEquals(9, await(reused.exit()).status());
    }

    /** A child that ends before its spawn has registered a waiter is not taken for an orphan. */
    @Test
    void aChildThatEndsDuringItsSpawnIsHandedToItsWaiter() throws Exception {
        processes.start();
        kernel.duringSpawn = pid -> {
            kernel.exit(pid, 3);
            try {
                // The reaper sees the exit while the spawn has still to register it.
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Processes.Child child = processes.spawn(COMMAND);
        assertEquals(3, await(child.exit()).status());
    }

    /**
     * The same race with an orphan: its exit, reaped just before a spawn is given its pid, must not
     * complete the new child's waiter.
     */
    @Test
    void anOrphansExitIsNotGivenToTheChildThatReusesItsPid() throws Exception {
        processes.start();
        Processes.Child running = processes.spawn(COMMAND);
        int orphan = kernel.orphan();
        CompletableFuture<Processes.Child> next = spawnRightAfterReapOf(orphan);
        kernel.exit(orphan, 5);
        Processes.Child reused = next.get(5, TimeUnit.SECONDS);
        assertEquals(orphan, reused.pid(), "the fake kernel reuses a freed pid at once");
        Thread.sleep(100);
        assertFalse(reused.exit().isDone(), "the new process got the orphan's exit: " + reused.exit());
        kernel.exit(reused.pid(), 4);
        assertEquals(4, await(reused.exit()).status());
        assertFalse(running.exit().isDone());
    }

    @Test
    void signalReachesARunningChildButNeverAReapedPid() throws Exception {
        processes.start();
        Processes.Child child = processes.spawn(COMMAND);
        assertTrue(processes.signal(child, LinuxConstants.SIGINT));
        kernel.exit(child.pid(), 0);
        await(child.exit());
        // Its pid is free again: a new process has it.
        Processes.Child next = processes.spawn(COMMAND);
        assertEquals(child.pid(), next.pid());
        assertFalse(processes.signal(child, LinuxConstants.SIGTERM));
        assertEquals(List.of(child.pid() + ":" + LinuxConstants.SIGINT), kernel.kills());
    }
}
