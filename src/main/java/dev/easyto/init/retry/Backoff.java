package dev.easyto.init.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Polling for something to happen (a volume to become available, a device node to appear, a busy
 * filesystem to let go) with a jittered exponential backoff inside one deadline. Upstream's Rust
 * init spun in a loop for these, hammering the EC2 API; its Zig init used full jitter between 0
 * and {@code min(cap, base * 2^n)}. A wait here lies between {@code base} and that ceiling, so it
 * is jittered (instances booted together spread their calls) and never shorter than {@code base}:
 * a poll never spins.
 *
 * @param base the shortest wait, and the ceiling of the first
 * @param cap the ceiling of every wait
 */
public record Backoff(Duration base, Duration cap) {

    /** §3.3's figures for the EBS waits: 100 ms doubling to 10 s. */
    public static final Backoff POLL = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap, got " + base + " and " + cap);
        }
    }

    /** The clock, the sleep and the dice of a wait: the real ones in the init, made-up ones in tests. */
    public interface Timing {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        /** Uniform in [0, 1). */
        double random();

        Timing SYSTEM = new Timing() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }

            @Override
            public double random() {
                return ThreadLocalRandom.current().nextDouble();
            }
        };
    }

    /** One look at what is awaited: a value once it is there, empty while it is not. */
    @FunctionalInterface
    public interface Check<T, E extends Exception> {
        Optional<T> look() throws E;
    }

    /** The ceiling of the wait after look {@code attempt} (0-based): base, doubled, capped. */
    public Duration ceiling(int attempt) {
        long first = base.toNanos();
        long max = cap.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        return Duration.ofNanos(first > (max >> shift) ? max : Math.min(max, first << shift));
    }

    /** The wait after look {@code attempt}: between base and the ceiling, {@code random} in [0, 1) saying where. */
    public Duration delay(int attempt, double random) {
        long low = base.toNanos();
        long high = ceiling(attempt).toNanos();
        double where = Math.min(Math.max(random, 0), 1);
        return Duration.ofNanos(low + (long) ((high - low) * where));
    }

    /**
     * Looks until {@code check} finds its value or {@code deadline} ({@link Timing#nanoTime} units)
     * has passed; the last look is made at the deadline, so a value that arrives during the final
     * wait is still seen. A failure of {@code check} ends the wait at once.
     *
     * @return the value, or empty when the deadline came first
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public <T, E extends Exception> Optional<T> await(long deadline, Check<T, E> check, Timing timing)
            throws E, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            Optional<T> found = check.look();
            if (found.isPresent()) {
                return found;
            }
            long left = deadline - timing.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Duration wait = delay(attempt, timing.random());
            timing.sleep(Duration.ofNanos(Math.min(wait.toNanos(), left)));
        }
    }

    /** {@link #await} on the real clock. */
    public <T, E extends Exception> Optional<T> await(long deadline, Check<T, E> check) throws E, InterruptedException {
        return await(deadline, check, Timing.SYSTEM);
    }

    /**
     * The deadline {@code timeout} after {@code now}, saturated so that a huge timeout (user data's
     * is a 64-bit number of seconds) cannot wrap around into the past.
     */
    public static long deadline(long now, Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        return now + Math.min(nanos, Long.MAX_VALUE / 2);
    }
}
