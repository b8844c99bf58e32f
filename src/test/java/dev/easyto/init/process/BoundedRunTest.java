package dev.easyto.init.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ChildExit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedRunTest {
    private static final SpawnRequest SCRIPT =
            SpawnRequest.asRoot("/.easyto/run/init-0", List.of("/.easyto/run/init-0"), List.of());

    private final FakeKernel kernel = new FakeKernel();
    private final Processes processes = new Processes(kernel, kernel);
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void tearDown() {
        other.shutdownNow();
    }

    @Test
    void aProcessThatEndsInTimeGivesItsExit() throws Exception {
        processes.start();
        CompletableFuture<ChildExit> exit = CompletableFuture.supplyAsync(
                () -> BoundedRun.run(processes, SCRIPT, "init script", Duration.ofSeconds(30), Duration.ofSeconds(10)),
                other);
        int pid = awaitLivePid();
        kernel.exit(pid, 0);
        assertEquals(0, exit.get().status());
        assertEquals(List.of(), kernel.kills());
    }

    /** At its deadline the process is sent SIGTERM, and the failure names it. */
    @Test
    void aProcessPastItsDeadlineIsStoppedAndNamed() throws Exception {
        processes.start();
        CompletableFuture<Void> endsOnTerm = CompletableFuture.runAsync(
                () -> {
                    int pid = awaitLivePid();
                    while (!kernel.kills().contains(pid + ":15")) {
                        Thread.onSpinWait();
                    }
                    kernel.exit(pid, 143);
                },
                other);
        BoundedRun.DeadlineExceeded e = assertThrows(
                BoundedRun.DeadlineExceeded.class,
                () -> BoundedRun.run(
                        processes,
                        SCRIPT,
                        "init script /.easyto/run/init-0",
                        Duration.ofMillis(300),
                        Duration.ofMillis(100)));
        endsOnTerm.get();
        assertEquals("init script /.easyto/run/init-0 still running after 300 ms: stopped", e.getMessage());
        assertTrue(kernel.kills().stream().allMatch(kill -> kill.endsWith(":15")), kernel.kills()::toString);
    }

    private int awaitLivePid() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Integer pid = kernel.livePids().stream().findFirst().orElse(null);
            if (pid != null) {
                return pid;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("nothing was spawned");
    }
}
