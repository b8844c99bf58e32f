package dev.easyto.init.pid1;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.BootOrchestrator;
import dev.easyto.init.boot.BootTrace;
import dev.easyto.init.boot.phase.PhaseOutputs.MainCommand;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import dev.easyto.init.process.InitThreads;
import dev.easyto.init.process.LaunchCommand;
import dev.easyto.init.process.ProcessStart;
import dev.easyto.init.process.Processes;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.supervise.HandOverFailure;
import dev.easyto.init.supervise.ReplaceMode;
import dev.easyto.init.supervise.Shutdown;
import dev.easyto.init.supervise.ShutdownRequest;
import dev.easyto.init.supervise.SignalWatcher;
import dev.easyto.init.supervise.SpotMonitor;
import dev.easyto.init.supervise.Supervisor;
import dev.easyto.init.supervise.service.Services;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The life of PID 1, in order: take over the shutdown signals, start the reaper, run the boot
 * phases, then hand over to the command (replace mode) or supervise it. Every way out ends in
 * {@link Shutdown#powerOff}; {@link #run} never returns, and a thread of the init that dies powers
 * the machine off too.
 */
@ApplicationScoped
public class Pid1 {
    private final ProcessCalls processCalls;
    private final SignalCalls signalCalls;
    private final MountCalls mountCalls;
    private final BootOrchestrator orchestrator;
    private final Processes processes;
    private final SignalWatcher signals;
    private final ShutdownRequest shutdownRequest;
    private final SpotMonitor spotMonitor;
    private final Mounts mounts;
    private final Supervisor supervisor;
    private final ReplaceMode replaceMode;
    private final Shutdown shutdown;
    private final Services services;
    private final Layout layout;
    private final Duration fatalGracePeriod;
    private final Optional<String> traceCopy;

    public Pid1(
            ProcessCalls processCalls,
            SignalCalls signalCalls,
            MountCalls mountCalls,
            BootOrchestrator orchestrator,
            Processes processes,
            SignalWatcher signals,
            ShutdownRequest shutdownRequest,
            SpotMonitor spotMonitor,
            Mounts mounts,
            Supervisor supervisor,
            ReplaceMode replaceMode,
            Shutdown shutdown,
            Services services,
            Layout layout,
            InitConfig config) {
        this.layout = layout;
        this.fatalGracePeriod = config.timeouts().fatalGracePeriod();
        this.traceCopy = config.traceCopy();
        this.processCalls = processCalls;
        this.signalCalls = signalCalls;
        this.mountCalls = mountCalls;
        this.orchestrator = orchestrator;
        this.processes = processes;
        this.signals = signals;
        this.shutdownRequest = shutdownRequest;
        this.spotMonitor = spotMonitor;
        this.mounts = mounts;
        this.supervisor = supervisor;
        this.replaceMode = replaceMode;
        this.shutdown = shutdown;
        this.services = services;
    }

    /** Whether this process is PID 1, the only place {@link #run} may be called. */
    public boolean isPid1() {
        return processCalls.getpid() == 1;
    }

    /**
     * Does not return. Whatever is thrown on the way, Errors included, ends in a "System error"
     * and the power-off: an exception leaving PID 1 would panic the kernel.
     */
    public void run() {
        try {
            takeOver();
            boot();
        } catch (Throwable e) {
            fatal("unexpected " + Failures.describe(e));
        }
    }

    private void boot() {
        Console.info("easyto-init started");
        BootTrace trace = new BootTrace();
        ProcessStart.millisAgo().ifPresent(trace::pid1Started);
        BootOrchestrator.BootResults results = bootUnlessStopped(trace);
        trace.command(results.get(MainCommand.class).shown());
        writeTrace(trace, true);
        Console.info("boot completed in %d ms", trace.elapsedMs());
        handOver(
                results.get(MergedSpec.class).spec(),
                results.get(MainCommand.class).command());
    }

    /**
     * The boot phases, unless a stop (signal 38, TERM, INT) comes first: a boot can wait long on an
     * init script or a module, and EC2 gives a stopping instance only minutes. Then the boot's own
     * processes (init scripts, modprobe) are stopped with every other in the power-off, whose grace
     * period is the one for fatal errors (the user data's may not be read yet); the phases still
     * running are left to it.
     */
    private BootOrchestrator.BootResults bootUnlessStopped(BootTrace trace) {
        CompletableFuture<BootOrchestrator.BootResults> boot = new CompletableFuture<>();
        InitThreads.daemon("boot", () -> {
                    try {
                        boot.complete(orchestrator.run(trace));
                    } catch (Throwable e) {
                        boot.completeExceptionally(e);
                    }
                })
                .start();
        CompletableFuture<Optional<String>> booted = boot.handle((results, failure) -> Optional.empty());
        CompletableFuture<Optional<String>> stopped =
                shutdownRequest.reason().copy().thenApply(Optional::of);
        @SuppressWarnings("unchecked") // both futures above hold an Optional<String>
        Optional<String> stop =
                (Optional<String>) CompletableFuture.anyOf(booted, stopped).join();
        if (stop.isPresent()) {
            Console.info("shutdown requested by %s during the boot", stop.get());
            writeTrace(trace, false);
            shutdown.powerOff(fatalGracePeriod);
        }
        try {
            return boot.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BootFailure failure) {
                writeTrace(trace, false);
                fatal(failure.describe());
            }
            fatal("unexpected " + Failures.describe(e.getCause()));
            throw e;
        }
    }

    private void writeTrace(BootTrace trace, boolean completed) {
        trace.write(Path.of(layout.bootTrace()), completed);
        traceCopy.ifPresent(copy -> trace.write(Path.of(copy), completed));
    }

    /** The shutdown signals blocked in every thread and read on one; the reaper running. */
    private void takeOver() {
        // Before any thread of ours starts: one that dies leaves PID 1 deaf to signals, unable to
        // reap or to restart services, so it is a System error like any other.
        Thread.setDefaultUncaughtExceptionHandler(this::threadDied);
        try {
            SignalTakeover.ensureBlocked(signalCalls, mountCalls, processCalls);
            processes.start();
            signals.start(signalCalls);
            // From the start: a spot notice during a long boot must end it, as a stop does.
            spotMonitor.start();
        } catch (IOException | SyscallException e) {
            fatal("unable to take over signals: " + e.getMessage());
        }
    }

    /**
     * Upstream's order: services first, so their init steps can still write under {@code /}
     * (authorized_keys, host keys), then the read-only remount, then the command. In replace mode
     * the command becomes PID 1 and nothing would supervise them, so none start.
     */
    private void handOver(VmSpec spec, LaunchCommand command) {
        if (!spec.replaceInit()) {
            try {
                services.start(spec.disableServices());
            } catch (HandOverFailure failure) {
                fatal(failure.getMessage());
            }
        }
        if (spec.readonlyRootFs()) {
            try {
                mounts.remountRootReadOnly();
            } catch (SyscallException e) {
                fatal("unable to remount / read-only: " + e.getMessage());
            }
        }
        if (spec.replaceInit()) {
            try {
                replaceMode.exec(command);
            } catch (HandOverFailure failure) {
                fatal(failure.getMessage());
            }
        }
        supervisor.run(command, spec.stopSignal(), Duration.ofSeconds(spec.shutdownGracePeriod()));
    }

    private void threadDied(Thread thread, Throwable failure) {
        if (InitThreads.isInitThread(thread)) {
            fatal("thread " + thread.getName() + " died: " + Failures.describe(failure));
        } else {
            // A library's thread (an HTTP client's, say): the boot or the supervisor notices
            // what it leaves undone, through its own deadline.
            Console.error("thread %s died: %s", thread.getName(), Failures.describe(failure));
        }
    }

    private void fatal(String message) {
        Console.error("System error: %s", message);
        shutdown.powerOff(fatalGracePeriod);
    }
}
