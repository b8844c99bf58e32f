package dev.easyto.init.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one retry policy, on a clock the test moves: backoff bounds, deadline, what is retried. */
class RetryPolicyTest {

    /** A clock that only moves when the policy sleeps or an attempt says it took time. */
    static final class FakeTiming implements RetryPolicy.Timing {
        long now;
        double random;
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            now += duration.toNanos();
        }

        @Override
        public double random() {
            return random;
        }
    }

    @Test
    void backoffDoublesFromTheFirstUpToTheCeilingAndStaysBetweenHalfAndAll() {
        RetryPolicy policy = RetryPolicy.IMDS;
        assertEquals(Duration.ofMillis(200), policy.backoffCeiling(0));
        assertEquals(Duration.ofMillis(400), policy.backoffCeiling(1));
        assertEquals(Duration.ofMillis(1600), policy.backoffCeiling(3));
        assertEquals(Duration.ofSeconds(2), policy.backoffCeiling(4));
        assertEquals(Duration.ofSeconds(2), policy.backoffCeiling(1000));
        for (int attempt = 0; attempt < 70; attempt++) {
            Duration ceiling = policy.backoffCeiling(attempt);
            assertEquals(ceiling.dividedBy(2), policy.backoff(attempt, 0.0));
            assertEquals(ceiling, policy.backoff(attempt, 1.0));
            for (int i = 0; i < 20; i++) {
                Duration wait = policy.backoff(attempt);
                assertTrue(wait.compareTo(ceiling.dividedBy(2)) >= 0 && wait.compareTo(ceiling) <= 0, wait + "");
            }
        }
    }

    @Test
    void aCallIsRetriedUntilItSucceeds() throws IOException {
        FakeTiming timing = new FakeTiming();
        int[] calls = {0};
        String result = RetryPolicy.AWS.call(
                "test",
                timeout -> {
                    if (++calls[0] < 4) {
                        throw new IOException("test: busy");
                    }
                    return "ok";
                },
                e -> true,
                timing);
        assertEquals("ok", result);
        assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(250), Duration.ofMillis(500)), timing.sleeps);
    }

    @Test
    void theDeadlineIsHonouredAttemptsIncluded() {
        FakeTiming timing = new FakeTiming();
        timing.random = 1.0;
        RetryPolicy policy = RetryPolicy.IMDS.withDeadline(Duration.ofSeconds(10));
        List<Duration> timeouts = new ArrayList<>();
        RetryPolicy.GaveUp failure = assertThrows(
                RetryPolicy.GaveUp.class,
                () -> policy.call(
                        "test",
                        timeout -> {
                            timeouts.add(timeout);
                            // Every attempt stalls for all it may take.
                            timing.now += timeout.toNanos();
                            throw new IOException("test: stalled");
                        },
                        e -> true,
                        timing));
        assertTrue(timing.now <= Duration.ofSeconds(10).toNanos(), timing.now + " ns");
        assertTrue(failure.getMessage().startsWith("test: stalled ("), failure.getMessage());
        assertEquals(timeouts.size(), failure.attempts());
        // No attempt is given more than the policy's attempt timeout, nor more than is left.
        timeouts.forEach(t -> assertTrue(t.compareTo(policy.attemptTimeout()) <= 0, t.toString()));
    }

    @Test
    void theLastAttemptGetsOnlyWhatIsLeftOfTheDeadline() throws IOException {
        FakeTiming timing = new FakeTiming();
        RetryPolicy policy = RetryPolicy.AWS.withDeadline(Duration.ofSeconds(12));
        List<Duration> timeouts = new ArrayList<>();
        policy.call(
                "test",
                timeout -> {
                    timeouts.add(timeout);
                    if (timeouts.size() == 1) {
                        timing.now += Duration.ofSeconds(10).toNanos();
                        throw new IOException("test: slow");
                    }
                    return "ok";
                },
                e -> true,
                timing);
        assertEquals(Duration.ofSeconds(10), timeouts.get(0));
        assertEquals(Duration.ofMillis(2000 - 125), timeouts.get(1));
    }

    @Test
    void aFailureThatIsAnAnswerIsNotRetried() {
        FakeTiming timing = new FakeTiming();
        IOException notFound = new IOException("test: 404");
        IOException thrown = assertThrows(
                IOException.class,
                () -> RetryPolicy.IMDS.call(
                        "test",
                        timeout -> {
                            throw notFound;
                        },
                        e -> !e.getMessage().endsWith("404"),
                        timing));
        assertSame(notFound, thrown);
        assertEquals(List.of(), timing.sleeps);
    }

    @Test
    void attemptsAreCapped() {
        FakeTiming timing = new FakeTiming();
        int[] calls = {0};
        RetryPolicy.GaveUp failure = assertThrows(
                RetryPolicy.GaveUp.class,
                () -> RetryPolicy.AWS.call(
                        "test",
                        timeout -> {
                            calls[0]++;
                            throw new IOException("test: 503");
                        },
                        e -> true,
                        timing));
        assertEquals(RetryPolicy.AWS.maxAttempts(), calls[0]);
        assertEquals(calls[0], failure.attempts());
    }

    @Test
    void nonsenseFiguresAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new RetryPolicy(
                        "x",
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        3,
                        Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.IMDS.withDeadline(Duration.ZERO));
    }
}
