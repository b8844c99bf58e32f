package dev.easyto.init.retry;

import dev.easyto.init.log.Console;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * How every network source of the boot is retried: attempt {@code n} (0-based) waits a jittered
 * exponential backoff before attempt {@code n + 1}, each attempt gets at most {@link
 * #attemptTimeout()}, and the whole call gives up at {@link #deadline()} after it started, with
 * the last failure. The jitter is "equal jitter": a wait is uniformly between half and all of
 * {@code min(maxBackoff, firstBackoff * 2^n)}, so that instances booted together spread their
 * retries and yet every wait is long enough to let a busy server recover.
 *
 * <p>The three sources and why their figures:
 *
 * <ul>
 *   <li>{@link #IMDS}: 200 ms doubling to 2 s, 2 s per attempt, 60 s per call. IMDS answers in
 *       milliseconds when it answers at all (the SDKs give an attempt 1 s); early on EC2 it may not
 *       be reachable for some seconds, and EKS's nodeadm raised its IMDS retries to about one
 *       minute for that reason (awslabs/amazon-eks-ami#2112). Bottlerocket waits 300 s, sized to
 *       its network manager's own timeout; ours has already finished DHCP before the first IMDS
 *       call, so a minute is the longer wait worth making before saying IMDS is not there.
 *   <li>{@link #AWS}: 250 ms doubling to 5 s, 10 attempts, 10 s per attempt, 60 s per call, for
 *       S3, SSM and Secrets Manager through the SDK's standard retry strategy (which adds its
 *       own full jitter). Throttling is the usual failure of a fleet booting at once; ten
 *       attempts make a call that is throttled half the time fail about once in a thousand, and
 *       a minute bounds what a source that keeps failing costs the boot. 5 s is Ignition's
 *       ceiling for the same kind of boot-time fetch.
 *   <li>{@link #DHCP}: the retransmissions of upstream's client, 200 ms doubling to 4 s (RFC 2131
 *       asks for about 4 s, doubling, randomised) within 15 s (upstream's budget for a whole
 *       exchange); the attempt timeout is the wait for an answer before sending again.
 *   <li>{@link #POLL}: waiting for something to happen rather than retrying a failure (an EBS
 *       volume to become available, its device node to appear), 100 ms doubling to 10 s within
 *       the caller's deadline (the volume's {@code timeout}), through {@link #await}. Upstream's
 *       Rust init spun in a loop here, hammering the EC2 API; its Zig init used these figures.
 * </ul>
 *
 * @param what what the calls are to, for the console ("IMDS")
 * @param firstBackoff the ceiling of the wait after the first failed attempt
 * @param maxBackoff the ceiling of every wait
 * @param attemptTimeout the most one attempt may take (connect and read)
 * @param maxAttempts the most attempts of one call, deadline or not
 * @param deadline the most one call may take, waits and attempts together
 */
public record RetryPolicy(
        String what,
        Duration firstBackoff,
        Duration maxBackoff,
        Duration attemptTimeout,
        int maxAttempts,
        Duration deadline) {

    public static final RetryPolicy IMDS = new RetryPolicy(
            "IMDS", Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2), 1000, Duration.ofSeconds(60));

    public static final RetryPolicy AWS = new RetryPolicy(
            "AWS", Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(10), 10, Duration.ofSeconds(60));

    public static final RetryPolicy DHCP = new RetryPolicy(
            "DHCP", Duration.ofMillis(200), Duration.ofSeconds(4), Duration.ofSeconds(4), 1000, Duration.ofSeconds(15));

    public static final RetryPolicy POLL = new RetryPolicy(
            "polling",
            Duration.ofMillis(100),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Integer.MAX_VALUE,
            Duration.ofSeconds(300));

    public RetryPolicy {
        Objects.requireNonNull(what, "what");
        positive("firstBackoff", firstBackoff);
        positive("maxBackoff", maxBackoff);
        positive("attemptTimeout", attemptTimeout);
        positive("deadline", deadline);
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below firstBackoff " + firstBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The same policy with another deadline (a configured budget, or a test's short one). */
    public RetryPolicy withDeadline(Duration newDeadline) {
        return new RetryPolicy(what, firstBackoff, maxBackoff, attemptTimeout, maxAttempts, newDeadline);
    }

    /** The same policy with another timeout per attempt. */
    public RetryPolicy withAttemptTimeout(Duration timeout) {
        return new RetryPolicy(what, firstBackoff, maxBackoff, timeout, maxAttempts, deadline);
    }

    /** The ceiling of the wait after failed attempt {@code attempt} (0-based): first, doubled, capped. */
    public Duration backoffCeiling(int attempt) {
        long first = firstBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        long ceiling = first > (max >> shift) ? max : Math.min(max, first << shift);
        return Duration.ofNanos(ceiling);
    }

    /**
     * The wait after failed attempt {@code attempt}: between half the ceiling and the ceiling,
     * {@code random} (in [0, 1)) saying where.
     */
    public Duration backoff(int attempt, double random) {
        long ceiling = backoffCeiling(attempt).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) ((ceiling - half) * Math.min(Math.max(random, 0), 1)));
    }

    /** A jittered wait after failed attempt {@code attempt}. */
    public Duration backoff(int attempt) {
        return backoff(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** One attempt, given the time it may take. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(Duration timeout) throws IOException;
    }

    /** The clock, the sleep and the dice of {@link #call}, replaceable by tests. */
    public interface Timing {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;

        double random();

        Timing SYSTEM = of(System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());

        static Timing of(LongSupplier nanoTime, DoubleSupplier random) {
            return new Timing() {
                @Override
                public long nanoTime() {
                    return nanoTime.getAsLong();
                }

                @Override
                public void sleep(Duration duration) throws InterruptedException {
                    Thread.sleep(duration);
                }

                @Override
                public double random() {
                    return random.getAsDouble();
                }
            };
        }
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with an exception {@code retryable} refuses,
     * or the attempts or the deadline run out; then the last failure is thrown, its message
     * saying how many attempts were made over how long. Retries after attempts 1, 2, 4, 8 ... are
     * announced on the console (the others at debug) with the failure's message, which callers
     * make name the target and keep free of values.
     *
     * @param target what this call reads, for the console ("IMDS /latest/user-data")
     */
    public <T> T call(String target, Attempt<T> attempt, Predicate<IOException> retryable) throws IOException {
        return call(target, attempt, retryable, Timing.SYSTEM);
    }

    public <T> T call(String target, Attempt<T> attempt, Predicate<IOException> retryable, Timing timing)
            throws IOException {
        long started = timing.nanoTime();
        long end = started + deadline.toNanos();
        for (int n = 0; ; n++) {
            long left = end - timing.nanoTime();
            Duration timeout =
                    left < attemptTimeout.toNanos() ? Duration.ofNanos(Math.max(left, 1_000_000)) : attemptTimeout;
            IOException failure;
            try {
                return attempt.run(timeout);
            } catch (IOException e) {
                failure = e;
            }
            int made = n + 1;
            if (!retryable.test(failure)) {
                throw failure;
            }
            Duration wait = backoff(n, timing.random());
            long now = timing.nanoTime();
            if (made >= maxAttempts || now + wait.toNanos() - end >= 0) {
                throw new GaveUp(target, made, Duration.ofNanos(now - started), failure);
            }
            // Attempts 1, 2, 4, 8 ... at info: a wait shows, without a line every second of it.
            if (Integer.bitCount(made) == 1) {
                Console.info(
                        "%s; attempt %d in %d ms (giving up %d s after the first)",
                        failure.getMessage(), made + 1, wait.toMillis(), deadline.toSeconds());
            } else {
                Console.debug("%s; attempt %d in %d ms", failure.getMessage(), made + 1, wait.toMillis());
            }
            try {
                timing.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(target + ": interrupted while waiting to retry", e);
            }
        }
    }

    /** One look at what {@link #await} waits for: a value once it is there, empty while it is not. */
    @FunctionalInterface
    public interface Check<T, E extends Exception> {
        Optional<T> look() throws E;
    }

    /**
     * Looks until {@code check} finds its value or {@code deadline} ({@link Timing#nanoTime} units)
     * has passed, waiting this policy's backoff between looks (never less than half the first
     * backoff, so a poll never spins); the last wait is cut to the deadline and a last look is made
     * there, so a value that arrives during the final wait is still seen. A failure of {@code
     * check} ends the wait at once. The policy's attempts and deadline do not apply: the caller's
     * deadline does.
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
            Duration wait = backoff(attempt, timing.random());
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

    /** The retries of a call ran out: the last failure, with how many attempts over how long. */
    public static final class GaveUp extends IOException {
        private static final long serialVersionUID = 1L;

        private final int attempts;

        GaveUp(String target, int attempts, Duration elapsed, IOException last) {
            super(
                    last.getMessage() + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                            + elapsed.toMillis() / 1000.0 + " s)",
                    last);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }

        /** The last attempt's failure (an {@code ImdsException} with its status, for instance). */
        public IOException last() {
            return (IOException) getCause();
        }
    }
}
