package dev.easyto.init.linux;

import dev.easyto.init.linux.ffm.Ffm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a test body on its own platform thread, for system calls that change the calling thread:
 * its signal mask or credentials then die with it instead of staying on a JUnit thread.
 */
final class DedicatedThread {
    private DedicatedThread() {}

    static <T> T call(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger tid = new AtomicInteger();
        Thread thread = Thread.ofPlatform().name("linux-test").start(() -> {
            tid.set(Ffm.processes().gettid());
            try {
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.join();
        awaitGone(tid.get());
        Throwable e = failure.get();
        if (e instanceof Exception exception) {
            throw exception;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return result.get();
    }

    static void run(ThrowingRunnable body) throws Exception {
        call(() -> {
            body.run();
            return null;
        });
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * Waits until the kernel has released the thread, which can be after join() returns. Until then
     * a thread with other credentials would make glibc's process-wide setuid (which runs the call in
     * every thread and aborts when they disagree) kill the JVM.
     */
    private static void awaitGone(int tid) throws InterruptedException {
        Path task = Path.of("/proc/self/task/" + tid);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(task)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("thread " + tid + " still exists");
            }
            Thread.sleep(1);
        }
    }
}
