package dev.easyto.init.supervise.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import dev.easyto.init.supervise.ShutdownGate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The restart policy with a fake spawner: every exit, and every failed spawn, is followed by a
 * new spawn after the delay; once the shutdown gate is closed nothing is spawned again.
 */
class ServiceLoopTest {
    private static final Duration DELAY = Duration.ofMillis(200);
    private static final SpawnRequest COMMAND =
            SpawnRequest.asRoot("/.easyto/sbin/chronyd", List.of("/.easyto/sbin/chronyd", "-d"), List.of());

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ShutdownGate gate = new ShutdownGate();
    /** Each spawn, with the time it happened and the exit the test completes. */
    private final LinkedBlockingQueue<Spawn> spawns = new LinkedBlockingQueue<>();

    private final List<SpawnRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    private record Spawn(long nanos, CompletableFuture<ChildExit> exit) {}

    private Processes.Child spawn(SpawnRequest request) {
        requests.add(request);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new SyscallException("posix_spawn", "\"/.easyto/sbin/chronyd\"", Errno.ENOENT);
        }
        CompletableFuture<ChildExit> exit = new CompletableFuture<>();
        spawns.add(new Spawn(System.nanoTime(), exit));
        return new Processes.Child(100 + requests.size(), exit);
    }

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    private CompletionStage<Void> start() {
        return new ServiceLoop("chrony", COMMAND, this::spawn, gate, timer, DELAY).start();
    }

    private Spawn nextSpawn() throws InterruptedException {
        Spawn spawn = spawns.poll(5, TimeUnit.SECONDS);
        assertTrue(spawn != null, "no spawn within 5 s");
        return spawn;
    }

    private static ChildExit exited(int status) {
        return new ChildExit(101, LinuxConstants.CLD_EXITED, status);
    }

    @Test
    void spawnsBeforeReturning() {
        start();
        assertEquals(1, spawns.size());
        assertEquals(COMMAND, requests.getFirst());
    }

    @Test
    void restartsAfterTheDelayWhateverTheStatus() throws Exception {
        try (CapturedConsole console = new CapturedConsole()) {
            start();
            Spawn first = nextSpawn();
            long exited = System.nanoTime();
            first.exit().complete(exited(0));
            Spawn second = nextSpawn();
            assertTrue(second.nanos() - exited >= DELAY.toNanos(), "restarted before the delay");
            second.exit().complete(new ChildExit(102, LinuxConstants.CLD_KILLED, LinuxConstants.SIGKILL));
            Spawn third = nextSpawn();
            third.exit().complete(exited(3));
            nextSpawn();
            assertEquals(4, requests.size());
            String text = console.text();
            assertTrue(text.contains("warning: service chrony exited, will restart: exited with status 0\n"), text);
            assertTrue(text.contains("warning: service chrony exited, will restart: killed by signal SIGKILL\n"), text);
            assertTrue(text.contains("warning: service chrony exited, will restart: exited with status 3\n"), text);
            assertTrue(text.contains("info: service chrony started with pid "), text);
        }
    }

    @Test
    void aFailedSpawnIsRetriedAfterTheDelay() throws Exception {
        failuresLeft.set(2);
        try (CapturedConsole console = new CapturedConsole()) {
            long started = System.nanoTime();
            start();
            Spawn spawn = nextSpawn();
            assertTrue(spawn.nanos() - started >= 2 * DELAY.toNanos(), "retried before the delay");
            assertEquals(3, requests.size());
            assertTrue(
                    console.text()
                            .contains(
                                    "warning: service chrony failed to start, will restart: No such file or directory\n"),
                    console.text());
        }
    }

    @Test
    void noRestartOnceTheShutdownHasBegun() throws Exception {
        CompletionStage<Void> done = start();
        Spawn first = nextSpawn();
        gate.close();
        first.exit().complete(new ChildExit(101, LinuxConstants.CLD_KILLED, LinuxConstants.SIGTERM));
        done.toCompletableFuture().get(5, TimeUnit.SECONDS);
        Thread.sleep(3 * DELAY.toMillis());
        assertEquals(1, requests.size());
    }

    @Test
    void noRestartWhenTheShutdownBeginsDuringTheDelay() throws Exception {
        CompletionStage<Void> done;
        try (CapturedConsole console = new CapturedConsole()) {
            done = start();
            nextSpawn().exit().complete(exited(1));
            gate.close();
            done.toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(console.text().contains("will restart"), console.text());
        }
        Thread.sleep(3 * DELAY.toMillis());
        assertEquals(1, requests.size());
    }

    @Test
    void noRestartWhenTheShutdownBeginsDuringASpawnFailureDelay() throws Exception {
        failuresLeft.set(1);
        CompletionStage<Void> done = start();
        gate.close();
        done.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, requests.size());
        assertFalse(spawns.iterator().hasNext());
    }

    @Test
    void aClosedGateSpawnsNothing() throws Exception {
        gate.close();
        start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(requests.isEmpty());
    }
}
