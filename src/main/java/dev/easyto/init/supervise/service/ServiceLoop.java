package dev.easyto.init.supervise.service;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import dev.easyto.init.supervise.ShutdownGate;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * One service's life (docs/behaviour.md §4.5): spawn, wait for the exit, wait the restart delay,
 * again, forever and whatever the status; a spawn failure is retried the same way. Nothing is
 * spawned once the shutdown gate is closed. No thread waits: the exit comes from the reaper, the
 * delay from a timer.
 */
final class ServiceLoop {
    private final String name;
    private final SpawnRequest command;
    private final Function<SpawnRequest, Processes.Child> spawner;
    private final ShutdownGate gate;
    private final ScheduledExecutorService timer;
    private final Duration restartDelay;

    ServiceLoop(
            String name,
            SpawnRequest command,
            Function<SpawnRequest, Processes.Child> spawner,
            ShutdownGate gate,
            ScheduledExecutorService timer,
            Duration restartDelay) {
        this.name = name;
        this.command = command;
        this.spawner = spawner;
        this.gate = gate;
        this.timer = timer;
        this.restartDelay = restartDelay;
    }

    /** Spawns the first run before returning; completes once the shutdown has stopped the restarts. */
    CompletionStage<Void> start() {
        return Uni.createFrom()
                .deferred(this::runOnce)
                .repeat()
                .whilst(again -> again)
                .collect()
                .last()
                .replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    /** One run and the delay after it; emits whether to go on. */
    private Uni<Boolean> runOnce() {
        Optional<Processes.Child> child;
        try {
            child = gate.startService(name, () -> spawner.apply(command));
        } catch (SyscallException e) {
            Console.warn("service %s failed to start, will restart: %s", name, Errno.description(e.errno()));
            return afterDelay();
        }
        if (child.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Console.info("service %s started with pid %d", name, child.get().pid());
        return Uni.createFrom().completionStage(child.get().exit()).onItem().transformToUni(exit -> {
            if (gate.isClosed()) {
                Console.info("service %s %s", name, exit.describe());
                return Uni.createFrom().item(false);
            }
            Console.warn("service %s exited, will restart: %s", name, exit.describe());
            return afterDelay();
        });
    }

    private Uni<Boolean> afterDelay() {
        return Uni.createFrom().item(true).onItem().delayIt().onExecutor(timer).by(restartDelay);
    }
}
