package dev.easyto.init.process;

import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;

import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.log.Console;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process of the boot (an init script, modprobe) run to its end, but not forever: one that hangs
 * would hold the boot, and the instance, with nothing said. While it runs past a report interval
 * it is named on the console; at its deadline it is stopped (SIGTERM, then SIGKILL) and the boot
 * fails, naming it.
 */
public final class BoundedRun {
    /** After SIGTERM at the deadline, how long before SIGKILL. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private BoundedRun() {}

    /** Thrown at the deadline, once the process has been stopped. */
    public static final class DeadlineExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadlineExceeded(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code request} as {@code name} ("init script /.easyto/run/init-0"): its exit, or
     * {@link DeadlineExceeded} after {@code deadline}; says "still running" every {@code report}.
     */
    public static ChildExit run(
            Processes processes, SpawnRequest request, String name, Duration deadline, Duration report) {
        Processes.Child child = processes.spawn(request);
        long started = System.nanoTime();
        while (true) {
            long left = deadline.toNanos() - (System.nanoTime() - started);
            if (left <= 0) {
                break;
            }
            try {
                return child.exit().get(Math.min(left, report.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                Duration running = Duration.ofNanos(System.nanoTime() - started);
                if (running.compareTo(deadline) < 0) {
                    Console.warn(
                            "%s still running after %s (stopped after %s)",
                            name, shown(running.truncatedTo(ChronoUnit.SECONDS)), shown(deadline));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                processes.signal(child, SIGKILL);
                throw new DeadlineExceeded(name + " interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(name + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        stop(processes, child);
        throw new DeadlineExceeded(name + " still running after " + shown(deadline) + ": stopped");
    }

    private static String shown(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void stop(Processes processes, Processes.Child child) {
        processes.signal(child, SIGTERM);
        try {
            child.exit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            processes.signal(child, SIGKILL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes.signal(child, SIGKILL);
        } catch (ExecutionException e) {
            // The reaper failed it: nothing left to stop.
        }
    }
}
