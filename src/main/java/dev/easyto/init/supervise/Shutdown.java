package dev.easyto.init.supervise;

import dev.easyto.init.config.InitConfig;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import dev.easyto.init.process.Processes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops everything and powers off: the main process with its stop signal, the services in reverse
 * start order, SIGTERM to what is left, all within one grace period, then SIGKILL to what is still
 * there ({@link StopSequence}); then unmount the EBS filesystems for real (waiting out a busy one
 * for a bounded time), sync, detach the other mounts we made and remount the root read-only so no
 * written data is lost (upstream's Rust sequence, which its Zig rewrite dropped).
 */
@ApplicationScoped
public class Shutdown {
    private final MachineCalls machineCalls;
    private final Mounts mounts;
    private final ShutdownGate gate;
    private final StopSequence sequence;
    private final Duration unmountBusy;
    private final AtomicBoolean begun = new AtomicBoolean();
    private volatile StopSequence.Main main;

    public Shutdown(
            SignalCalls signalCalls,
            MachineCalls machineCalls,
            Mounts mounts,
            ShutdownGate gate,
            Processes processes,
            InitConfig config) {
        this.machineCalls = machineCalls;
        this.mounts = mounts;
        this.gate = gate;
        this.unmountBusy = config.timeouts().unmountBusy();
        this.sequence = new StopSequence(
                signalCalls,
                processes::signal,
                ProcessTable::otherProcesses,
                StopSequence.Clock.SYSTEM,
                config.timeouts().afterKill());
    }

    /**
     * The main process, once spawned, and the signal that stops it: whatever starts the shutdown
     * later (its exit, a stop request, a fatal error) stops it first.
     */
    public void mainProcess(Processes.Child child, int stopSignal) {
        main = new StopSequence.Main(child, stopSignal);
    }

    /**
     * Does not return. The first caller runs the sequence; any later one (a dying thread while the
     * main thread shuts down, or the other way round) waits for it to power the machine off.
     */
    public void powerOff(Duration gracePeriod) {
        if (!begun.compareAndSet(false, true)) {
            PowerOff.waitForever();
        }
        try {
            // First, so no service restarts behind the stop; what it let through is stopped.
            List<ShutdownGate.Service> services = gate.close();
            sequence.run(Optional.ofNullable(main), services, gracePeriod);
            // Once no process is left to hold them: an unmount writes the filesystem back whole.
            mounts.unmountVolumes(unmountBusy);
            machineCalls.sync();
            mounts.unmountAll();
            try {
                mounts.remountRootReadOnly();
            } catch (SyscallException e) {
                Console.warn("unable to remount / read-only: %s", e.getMessage());
            }
        } catch (Throwable e) {
            // Whatever went wrong, the power-off below must still happen.
            Console.error("shutdown: %s", Failures.describe(e));
        }
        PowerOff.now(machineCalls);
    }
}
