package dev.easyto.init.supervise;

import dev.easyto.init.boot.Console;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.spec.NameValue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Supervisor mode: PID 1 stays, starts the main process and waits for the first of its exit or a
 * shutdown signal, then shuts everything down and powers off (upstream-behaviour §4).
 */
@ApplicationScoped
public class Supervisor {
    private final Processes processes;
    private final SignalWatcher signals;
    private final Shutdown shutdown;

    public Supervisor(Processes processes, SignalWatcher signals, Shutdown shutdown) {
        this.processes = processes;
        this.signals = signals;
        this.shutdown = shutdown;
    }

    /** Does not return. */
    public void run(LaunchCommand command, Duration gracePeriod) {
        String argv0 = command.argv().getFirst();
        Processes.Child main;
        try {
            main = processes.spawn(new SpawnRequest(
                    argv0,
                    command.argv(),
                    mainEnvironment(command.env()),
                    command.workingDir(),
                    command.uid(),
                    command.gid(),
                    command.groups()));
        } catch (SyscallException e) {
            Console.error("unable to start main process %s: %s", argv0, Errno.description(e.errno()));
            shutdown.powerOff(gracePeriod);
            return;
        }
        Console.info("main process started with pid %d", main.pid());
        // Whichever comes first ends the supervision: the main process never restarts.
        String reason = Uni.combine()
                .any()
                .of(
                        Uni.createFrom().completionStage(main.exit()).map(exit -> "main process " + describe(exit)),
                        Uni.createFrom()
                                .completionStage(signals.shutdownRequested())
                                .map(signal -> "shutdown requested by " + signal))
                .await()
                .indefinitely();
        Console.info("%s", reason);
        shutdown.powerOff(gracePeriod);
    }

    static String describe(ChildExit exit) {
        return exit.exited()
                ? "exited with status " + exit.status()
                : "killed by signal " + LinuxConstants.signalName(exit.status());
    }

    /** PID 1's own environment (what the kernel passed) overlaid by the spec's, which wins by name. */
    static List<String> mainEnvironment(List<NameValue> specEnv) {
        Map<String, String> env = new TreeMap<>(SignalMask.initEnvironment());
        specEnv.forEach(nv -> env.remove(nv.name()));
        List<String> environ = new ArrayList<>();
        env.forEach((name, value) -> environ.add(name + "=" + value));
        environ.addAll(SpawnRequest.environ(specEnv));
        return environ;
    }
}
