package dev.easyto.init.supervise;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.LaunchCommand;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Supervisor mode: PID 1 stays, starts the main process and waits for the first of its exit or a
 * shutdown signal, then shuts everything down and powers off (docs/behaviour.md §4).
 */
@ApplicationScoped
public class Supervisor {
    private final Processes processes;
    private final ShutdownRequest shutdownRequest;
    private final Shutdown shutdown;
    private final IdleMemory idleMemory;

    public Supervisor(Processes processes, ShutdownRequest shutdownRequest, Shutdown shutdown, IdleMemory idleMemory) {
        this.idleMemory = idleMemory;
        this.processes = processes;
        this.shutdownRequest = shutdownRequest;
        this.shutdown = shutdown;
    }

    /** Does not return. */
    public void run(LaunchCommand command, int stopSignal, Duration gracePeriod) {
        String argv0 = command.argv().getFirst();
        Processes.Child main;
        try {
            main = processes.spawn(new SpawnRequest(
                    argv0, command.argv(), Environ.overInit(command.env()), command.workingDir(), command.identity()));
        } catch (SyscallException e) {
            Console.error("unable to start main process %s: %s", argv0, Errno.description(e.errno()));
            shutdown.powerOff(gracePeriod);
            return;
        }
        shutdown.mainProcess(main, stopSignal);
        Console.info("main process started with pid %d", main.pid());
        // From here on PID 1 waits: what it read to boot can go back to the machine.
        idleMemory.giveBackFilePages();
        // Whichever comes first ends the supervision: the main process never restarts. The loser is
        // cancelled, and a Uni made from a future cancels that future: it gets copies, so the
        // main process's own exit stays for the shutdown to wait on.
        String reason = Uni.combine()
                .any()
                .of(
                        Uni.createFrom()
                                .completionStage(main.exit().copy())
                                .map(exit -> "main process " + exit.describe()),
                        Uni.createFrom()
                                .completionStage(shutdownRequest.reason().copy())
                                .map(signal -> "shutdown requested by " + signal))
                .await()
                .indefinitely();
        Console.info("%s", reason);
        shutdown.powerOff(gracePeriod);
    }
}
