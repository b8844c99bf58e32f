package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Stops every process inside one grace period, in the order that keeps data (docs/behaviour.md
 * §4, Shutdown): the main process first, with the image's stop signal, waited for on its own, since
 * it may still need what runs beside it (a database flushing through its workers, a log shipper);
 * then the services, the last started first, each sent SIGTERM and waited for; then SIGTERM to
 * every process left, at once; at the deadline, SIGKILL to all. A step that is not done by the
 * deadline ends the wait: the grace period is one budget, never one per step.
 */
final class StopSequence {
    private static final Duration POLL = Duration.ofMillis(10);

    /** Time and waiting: the real clock in the init, a made-up one in tests. */
    interface Clock {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }

    /** Signals a child of ours, only while it has not been reaped ({@link Processes#signal}). */
    interface ChildSignal {
        boolean send(Processes.Child child, int signal);
    }

    /** The main process and what stops it. */
    record Main(Processes.Child child, int stopSignal) {}

    private final SignalCalls signalCalls;
    private final ChildSignal childSignal;
    private final Supplier<List<Integer>> otherProcesses;
    private final Clock clock;
    private final Duration afterKill;

    StopSequence(
            SignalCalls signalCalls,
            ChildSignal childSignal,
            Supplier<List<Integer>> otherProcesses,
            Clock clock,
            Duration afterKill) {
        this.signalCalls = signalCalls;
        this.childSignal = childSignal;
        this.otherProcesses = otherProcesses;
        this.clock = clock;
        this.afterKill = afterKill;
    }

    /**
     * @param main the main process, when one was started (a main process that has exited already
     *     is passed over)
     * @param services the services' latest processes, the last started first
     */
    void run(Optional<Main> main, List<ShutdownGate.Service> services, Duration gracePeriod) {
        if (noneLeft()) {
            return;
        }
        long started = clock.nanoTime();
        long deadline = started + gracePeriod.toNanos();
        if (main.isPresent()
                && !stop(main.get().child(), main.get().stopSignal(), "main process", true, deadline, started)) {
            expire(started);
            return;
        }
        for (ShutdownGate.Service service : services) {
            // A service's end is logged by its own loop.
            if (!stop(service.child(), SIGTERM, "service " + service.name(), false, deadline, started)) {
                expire(started);
                return;
            }
        }
        Console.info("sending SIGTERM to all processes");
        signalEveryone(SIGTERM);
        if (await(this::noneLeft, deadline)) {
            Console.info("all processes exited during grace period (%d ms)", millisSince(started));
            return;
        }
        expire(started);
    }

    /** Signals one child and waits for it until the deadline; false when the deadline came first. */
    private boolean stop(Processes.Child child, int signal, String what, boolean logExit, long deadline, long started) {
        if (child.exit().isDone()) {
            return true;
        }
        String name = LinuxConstants.signalName(signal);
        Console.info("stopping %s (pid %d) with %s", what, child.pid(), name);
        try {
            if (!childSignal.send(child, signal)) {
                // Reaped between the check and the signal: it is gone, and its pid is not ours.
                return true;
            }
        } catch (SyscallException e) {
            // Nothing to wait for that the signal would end; the sweep after will try again.
            Console.warn("unable to send %s to %s (pid %d): %s", name, what, child.pid(), e.getMessage());
            return true;
        }
        if (!await(() -> child.exit().isDone(), deadline)) {
            Console.warn("%s (pid %d) did not stop within the grace period", what, child.pid());
            return false;
        }
        if (logExit) {
            Console.info("%s %s (%d ms)", what, child.exit().join().describe(), millisSince(started));
        }
        return true;
    }

    private void expire(long started) {
        Console.warn("grace period expired, sending SIGKILL to all processes (after %d ms)", millisSince(started));
        signalEveryone(SIGKILL);
        if (await(this::noneLeft, clock.nanoTime() + afterKill.toNanos())) {
            Console.info("all processes terminated (%d ms after the shutdown began)", millisSince(started));
        } else {
            Console.warn("processes still present after SIGKILL: %s", otherProcesses.get());
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

    private boolean noneLeft() {
        return otherProcesses.get().isEmpty();
    }

    private long millisSince(long nanos) {
        return (clock.nanoTime() - nanos) / 1_000_000;
    }

    /** Polls instead of sleeping the whole period: most programs exit within milliseconds. */
    private boolean await(BooleanSupplier done, long deadline) {
        while (true) {
            if (done.getAsBoolean()) {
                return true;
            }
            if (clock.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                clock.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
