package dev.easyto.init.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RetryPolicy#await}: polling with the policy's backoff inside the caller's deadline. */
class RetryPolicyAwaitTest {
    /** {@link RetryPolicyTest}'s clock, from 1000 ns, with dice that always roll {@code roll}. */
    private static RetryPolicyTest.FakeTiming timing(double roll) {
        RetryPolicyTest.FakeTiming timing = new RetryPolicyTest.FakeTiming();
        timing.now = 1_000;
        timing.random = roll;
        return timing;
    }

    @Test
    void theCeilingDoublesFromTheBaseToTheCap() {
        RetryPolicy poll = RetryPolicy.POLL;
        assertEquals(Duration.ofMillis(100), poll.backoffCeiling(0));
        assertEquals(Duration.ofMillis(200), poll.backoffCeiling(1));
        assertEquals(Duration.ofMillis(6_400), poll.backoffCeiling(6));
        assertEquals(Duration.ofSeconds(10), poll.backoffCeiling(7));
        assertEquals(Duration.ofSeconds(10), poll.backoffCeiling(1_000));
    }

    @Test
    void aDelayLiesBetweenHalfTheCeilingAndItSoAPollNeverSpins() {
        RetryPolicy poll = RetryPolicy.POLL;
        for (int attempt = 0; attempt < 70; attempt++) {
            for (double roll : new double[] {0, 0.25, 0.5, 0.999_999}) {
                Duration delay = poll.backoff(attempt, roll);
                assertTrue(delay.compareTo(Duration.ofMillis(50)) >= 0, attempt + " " + roll + " " + delay);
                assertTrue(delay.compareTo(poll.backoffCeiling(attempt)) <= 0, attempt + " " + roll + " " + delay);
            }
        }
        assertEquals(Duration.ofMillis(7_500), poll.backoff(10, 0.5));
    }

    @Test
    void awaitLooksUntilTheValueIsThere() throws Exception {
        RetryPolicyTest.FakeTiming timing = timing(1.0);
        int[] looks = {0};
        Optional<String> found = RetryPolicy.POLL.await(
                RetryPolicy.deadline(timing.nanoTime(), Duration.ofSeconds(60)),
                () -> ++looks[0] == 4 ? Optional.of("vol-1") : Optional.empty(),
                timing);
        assertEquals(Optional.of("vol-1"), found);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), timing.sleeps);
    }

    /** The last wait is cut to the deadline, and one more look is made there. */
    @Test
    void awaitGivesUpAtTheDeadlineAfterALastLook() throws Exception {
        RetryPolicyTest.FakeTiming timing = timing(1.0);
        long start = timing.nanoTime();
        int[] looks = {0};
        Optional<String> found = RetryPolicy.POLL.await(
                RetryPolicy.deadline(start, Duration.ofSeconds(30)),
                () -> {
                    looks[0]++;
                    return Optional.empty();
                },
                timing);
        assertEquals(Optional.empty(), found);
        assertEquals(Duration.ofSeconds(30), Duration.ofNanos(timing.now - start));
        // 0.1+0.2+0.4+0.8+1.6+3.2+6.4 = 12.7 s, then 10 s, then the 7.3 s left.
        assertEquals(Duration.ofMillis(7_300), timing.sleeps.getLast());
        assertEquals(timing.sleeps.size() + 1, looks[0]);
    }

    @Test
    void aHugeTimeoutDoesNotWrapTheDeadlineIntoThePast() {
        long now = System.nanoTime();
        long deadline = RetryPolicy.deadline(now, Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(deadline - now > 0);
    }
}
