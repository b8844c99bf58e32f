package dev.easyto.init.cli;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.BootOrchestrator;
import dev.easyto.init.boot.BootTrace;
import dev.easyto.init.boot.Console;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.linux.Linux;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.supervise.LaunchCommand;
import dev.easyto.init.supervise.Processes;
import dev.easyto.init.supervise.ReplaceMode;
import dev.easyto.init.supervise.Shutdown;
import dev.easyto.init.supervise.SignalMask;
import dev.easyto.init.supervise.SignalWatcher;
import dev.easyto.init.supervise.Supervisor;
import dev.easyto.init.supervise.service.Services;
import jakarta.enterprise.context.Dependent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * PID 1: block the shutdown signals, start the reaper, run the boot phases, then hand over to the
 * command (replace mode) or supervise it. Every way out ends in {@link Shutdown#powerOff}; this
 * method never returns while it is PID 1.
 */
@Dependent
@Command(name = "init", description = "Boot the instance as PID 1 (the default when no subcommand is given).")
public class InitCommand implements Callable<Integer> {
    private static final Duration FATAL_GRACE_PERIOD = Duration.ofSeconds(VmSpec.DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS);

    private final BootOrchestrator orchestrator;
    private final Processes processes;
    private final SignalWatcher signals;
    private final Mounts mounts;
    private final Supervisor supervisor;
    private final ReplaceMode replaceMode;
    private final Shutdown shutdown;
    private final Services services;

    public InitCommand(
            BootOrchestrator orchestrator,
            Processes processes,
            SignalWatcher signals,
            Mounts mounts,
            Supervisor supervisor,
            ReplaceMode replaceMode,
            Shutdown shutdown,
            Services services) {
        this.orchestrator = orchestrator;
        this.processes = processes;
        this.signals = signals;
        this.mounts = mounts;
        this.supervisor = supervisor;
        this.replaceMode = replaceMode;
        this.shutdown = shutdown;
        this.services = services;
    }

    @Override
    public Integer call() {
        Linux linux = Linux.get();
        if (linux.getpid() != 1) {
            System.err.println("error: init runs only as PID 1; to check user data use 'validate' or 'plan'");
            return 2;
        }
        try {
            SignalMask.ensureBlocked(linux);
            processes.start();
            signals.start(linux);
        } catch (IOException | SyscallException e) {
            fatal(new BootFailure("unable to take over signals: " + e.getMessage(), e));
        }
        Console.info("easyto-init started");
        BootTrace trace = new BootTrace();
        BootOrchestrator.BootResults results = null;
        try {
            results = orchestrator.run(trace);
        } catch (BootFailure failure) {
            trace.write(Path.of(BootTrace.FILE), false);
            fatal(failure);
        }
        trace.write(Path.of(BootTrace.FILE), true);
        Console.info("boot completed in %d ms", trace.elapsedMs());
        handOver(results.get(VmSpec.class), results.get(LaunchCommand.class));
        return 0;
    }

    /**
     * Upstream's order (§4.4): services first, so their init steps can still write under {@code /}
     * (authorized_keys, host keys), then the read-only remount, then the command. In replace mode
     * the command becomes PID 1 and nothing would supervise them, so none start.
     */
    private void handOver(VmSpec spec, LaunchCommand command) {
        if (!spec.replaceInit()) {
            try {
                services.start(spec.disableServices());
            } catch (BootFailure failure) {
                fatal(failure);
            }
        }
        if (spec.readonlyRootFs()) {
            try {
                mounts.remountRootReadOnly();
            } catch (SyscallException e) {
                fatal(new BootFailure("unable to remount / read-only: " + e.getMessage(), e));
            }
        }
        if (spec.replaceInit()) {
            try {
                replaceMode.exec(command);
            } catch (BootFailure failure) {
                fatal(failure);
            }
        }
        supervisor.run(command, Duration.ofSeconds(spec.shutdownGracePeriod()));
    }

    private void fatal(BootFailure failure) {
        Console.error("System error: %s", failure.describe());
        shutdown.powerOff(FATAL_GRACE_PERIOD);
    }
}
