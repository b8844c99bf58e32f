package dev.easyto.init.aws;

import dev.easyto.init.log.Console;
import dev.easyto.init.process.InitThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Independent fetches (env-from sources, volumes) run side by side, at most {@link #MAX_IN_FLIGHT}
 * at a time, each on a thread of the init; their outcomes come back in the order given, each with
 * the console lines it printed held back, so the caller applies and prints them in the spec's
 * order whichever finished first. A boot's fetches are each a round trip or two of tens of
 * milliseconds, so waiting for them one by one costs their sum; side by side, about the slowest.
 */
public final class Parallel {
    /**
     * Enough to overlap the round trips of a typical spec (a handful of sources), few enough
     * that a spec with dozens of sources does not meet the APIs' per-account request rates at
     * once (SSM's GetParameter: 40 a second by default) and hold as many threads in PID 1.
     */
    public static final int MAX_IN_FLIGHT = 8;

    private Parallel() {}

    /** One fetch: its value, or the failure its caller judges (an optional source's, or fatal). */
    @FunctionalInterface
    public interface Task<T> {
        T run() throws Exception;
    }

    /** What one task ended with, and the console lines it printed meanwhile. */
    public record Outcome<T>(T value, Exception failure, List<String> console) {
        /** Prints the task's lines, then gives its value or throws its failure. */
        public T replay() throws Exception {
            Console.replay(console);
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /**
     * Runs every task, side by side when there are several, and returns their outcomes in the
     * order of {@code tasks}. An {@link Error} in a task is thrown here, on the caller's thread.
     */
    public static <T> List<Outcome<T>> run(String what, List<Task<T>> tasks) {
        if (tasks.size() <= 1) {
            return tasks.stream().map(Parallel::held).toList();
        }
        long started = System.nanoTime();
        AtomicLong slowest = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(tasks.size(), MAX_IN_FLIGHT),
                body -> InitThreads.daemon(what + "-" + count.incrementAndGet(), body));
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (Task<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    long own = System.nanoTime();
                    Outcome<T> outcome = held(task);
                    long took = System.nanoTime() - own;
                    slowest.accumulateAndGet(took, Math::max);
                    sum.addAndGet(took);
                    return outcome;
                }));
            }
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<Outcome<T>> future : futures) {
                outcomes.add(await(future));
            }
            // What running them side by side saved (one after the other: about the sum); make
            // bench reads this line. A fetch's time includes waiting for the AWS client it needs.
            Console.info(
                    "%s: %d fetches side by side in %d ms, the slowest %d ms, %d ms together",
                    what,
                    tasks.size(),
                    (System.nanoTime() - started) / 1_000_000,
                    slowest.get() / 1_000_000,
                    sum.get() / 1_000_000);
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> Outcome<T> held(Task<T> task) {
        Console.hold();
        T value = null;
        Exception failure = null;
        List<String> lines;
        try {
            value = task.run();
        } catch (Exception e) {
            failure = e;
        } finally {
            // Also after an Error, whose lines are then lost: what the caller says of it matters more.
            lines = Console.release();
        }
        return new Outcome<>(value, failure, lines);
    }

    private static <T> Outcome<T> await(Future<Outcome<T>> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // The boot's fetches finish by their own deadlines; a stop is acted on after.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
