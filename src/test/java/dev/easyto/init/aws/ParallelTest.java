package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.log.Console;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fetches side by side: bounded, outcomes and their console lines in the order given. */
class ParallelTest {

    @Test
    void outcomesComeInTheOrderGivenWhicheverFinishesFirst() throws Exception {
        List<Parallel.Task<String>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add(() -> {
                // The first ones finish last.
                Thread.sleep(30L * (6 - n));
                Console.info("fetched %d", n);
                if (n == 3) {
                    throw new IOException("source 3 failed");
                }
                return "value " + n;
            });
        }
        List<Parallel.Outcome<String>> outcomes = Parallel.run("test", tasks);
        assertEquals(6, outcomes.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(List.of("info: fetched " + i), outcomes.get(i).console());
        }
        assertEquals("value 0", outcomes.get(0).replay());
        IOException failure = assertThrows(IOException.class, outcomes.get(3)::replay);
        assertEquals("source 3 failed", failure.getMessage());
    }

    @Test
    void theyRunSideBySideButNoMoreThanTheBoundAtOnce() {
        int count = Parallel.MAX_IN_FLIGHT * 2;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch bothStarted = new CountDownLatch(2);
        List<Parallel.Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                bothStarted.countDown();
                // Only returns early if another task runs at the same time.
                bothStarted.await(5, TimeUnit.SECONDS);
                Thread.sleep(20);
                running.decrementAndGet();
                return 1;
            });
        }
        long started = System.nanoTime();
        Parallel.run("test", tasks);
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(4), "tasks did not overlap");
        assertTrue(most.get() >= 2 && most.get() <= Parallel.MAX_IN_FLIGHT, most.get() + " at once");
    }

    @Test
    void anErrorInATaskIsThrownOnTheCallersThread() {
        StackOverflowError error = new StackOverflowError("deep");
        List<Parallel.Task<Integer>> tasks = List.of(() -> 1, () -> {
            throw error;
        });
        assertSame(error, assertThrows(StackOverflowError.class, () -> Parallel.run("test", tasks)));
    }
}
