package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;

import dev.easyto.init.config.InitConfig;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops everything and powers off: SIGTERM to every process, a grace period that ends as soon as
 * they are all gone, SIGKILL to what is left, then sync, unmount what we mounted and remount the
 * root read-only so no written data is lost (upstream's Rust sequence, which its Zig rewrite
 * dropped).
 */
@ApplicationScoped
public class Shutdown {
    private static final Duration POLL = Duration.ofMillis(10);

    private final SignalCalls signalCalls;
    private final MachineCalls machineCalls;
    private final Mounts mounts;
    private final ShutdownGate gate;
    private final Duration afterKill;
    private final AtomicBoolean begun = new AtomicBoolean();

    public Shutdown(
            SignalCalls signalCalls, MachineCalls machineCalls, Mounts mounts, ShutdownGate gate, InitConfig config) {
        this.signalCalls = signalCalls;
        this.machineCalls = machineCalls;
        this.mounts = mounts;
        this.gate = gate;
        this.afterKill = config.timeouts().afterKill();
    }

    /**
     * Does not return. The first caller runs the sequence; any later one (a dying thread while the
     * main thread shuts down, or the other way round) waits for it to power the machine off.
     */
    public void powerOff(Duration gracePeriod) {
        if (!begun.compareAndSet(false, true)) {
            PowerOff.waitForever();
        }
        // First, so no service restarts behind the SIGTERM sweep.
        gate.close();
        try {
            stopAllProcesses(gracePeriod);
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

    void stopAllProcesses(Duration gracePeriod) {
        if (ProcessTable.otherProcesses().isEmpty()) {
            return;
        }
        Console.info("sending SIGTERM to all processes");
        long started = System.nanoTime();
        signalEveryone(SIGTERM);
        if (awaitNone(gracePeriod)) {
            Console.info("all processes exited during grace period (%d ms)", millisSince(started));
            return;
        }
        Console.warn("grace period expired, sending SIGKILL to all processes (after %d ms)", millisSince(started));
        signalEveryone(SIGKILL);
        if (awaitNone(afterKill)) {
            Console.info("all processes terminated (%d ms after SIGTERM)", millisSince(started));
        } else {
            Console.warn("processes still present after SIGKILL: %s", ProcessTable.otherProcesses());
        }
    }

    /**
     * {@code kill(-1, signal)}: every process but PID 1, in one step the kernel takes under its
     * task list lock. Signalling a list read from /proc missed what was forked after the read (a
     * shell loop's next child), which then outlived the grace period.
     */
    private void signalEveryone(int signal) {
        try {
            signalCalls.kill(-1, signal);
        } catch (SyscallException e) {
            // ESRCH: nothing left to signal.
            if (!e.is(Errno.ESRCH)) {
                Console.warn(
                        "unable to send %s to all processes: %s", LinuxConstants.signalName(signal), e.getMessage());
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Polls instead of sleeping the whole period: most programs exit within milliseconds. */
    private static boolean awaitNone(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (ProcessTable.otherProcesses().isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
