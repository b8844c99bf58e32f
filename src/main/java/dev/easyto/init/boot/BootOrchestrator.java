package dev.easyto.init.boot;

import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs every {@link Phase} bean as soon as the phases it depends on are done, independent ones in
 * parallel (upstream's DAG), and records the trace. The first failure is the boot's failure;
 * phases that depend on a failed one are skipped.
 */
@ApplicationScoped
public class BootOrchestrator {
    private final BootGraph graph;

    public BootOrchestrator(@All List<Phase<?>> phases) {
        this.graph = BootGraph.of(phases);
    }

    public BootGraph graph() {
        return graph;
    }

    /** Everything the phases produced, by type. */
    public static final class BootResults {
        private final Map<Class<?>, Object> values;

        BootResults(Map<Class<?>, Object> values) {
            this.values = values;
        }

        public <T> T get(Class<T> type) {
            Object value = values.get(type);
            if (value == null) {
                throw new IllegalStateException("no phase produced " + type.getSimpleName());
            }
            return type.cast(value);
        }
    }

    public BootResults run(BootTrace trace) throws BootFailure {
        Map<Class<?>, Object> results = new ConcurrentHashMap<>();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger threadCount = new AtomicInteger();
        int threads =
                Math.max(2, Math.min(graph.order().size(), Runtime.getRuntime().availableProcessors() * 2));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "boot-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, CompletableFuture<Void>> done = new HashMap<>();
            for (String name : graph.order()) {
                Phase<?> phase = graph.phase(name);
                CompletableFuture<?>[] deps =
                        graph.dependencies(name).stream().map(done::get).toArray(CompletableFuture[]::new);
                CompletableFuture<Void> future = CompletableFuture.allOf(deps)
                        .handleAsync(
                                (ignored, depFailure) -> {
                                    if (depFailure != null) {
                                        long now = System.nanoTime();
                                        trace.record(
                                                name,
                                                graph.dependencies(name),
                                                now,
                                                now,
                                                BootTrace.Status.SKIPPED,
                                                null);
                                        throw depFailure instanceof CompletionException ce
                                                ? ce
                                                : new CompletionException(depFailure);
                                    }
                                    runPhase(phase, results, trace, firstFailure);
                                    return null;
                                },
                                pool);
                done.put(name, future);
            }
            try {
                CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new))
                        .join();
            } catch (CompletionException e) {
                // Reported through firstFailure below, once every phase has settled.
            }
        } finally {
            pool.shutdownNow();
        }
        Throwable failure = firstFailure.get();
        if (failure != null) {
            throw failure instanceof BootFailure bf ? bf : new BootFailure(describe(failure), failure);
        }
        return new BootResults(results);
    }

    private void runPhase(
            Phase<?> phase, Map<Class<?>, Object> results, BootTrace trace, AtomicReference<Throwable> firstFailure) {
        PhaseInputs inputs = new PhaseInputs(phase.name(), new HashSet<>(phase.consumes()), results);
        long started = System.nanoTime();
        Console.info("phase %s started", phase.name());
        try {
            Object result = phase.run(inputs);
            if (result == null) {
                throw new IllegalStateException("phase " + phase.name() + " produced nothing");
            }
            results.put(phase.produces(), result);
            long ended = System.nanoTime();
            String note = result instanceof PhaseNote noted ? noted.note() : null;
            trace.record(
                    phase.name(), graph.dependencies(phase.name()), started, ended, BootTrace.Status.OK, null, note);
            Console.info("phase %s done in %d ms", phase.name(), (ended - started) / 1_000_000);
        } catch (Throwable e) {
            // Every Throwable, Errors included: one that escaped would leave the phase's future
            // failed without a recorded cause, and the boot would go on as if nothing happened.
            long ended = System.nanoTime();
            trace.record(
                    phase.name(),
                    graph.dependencies(phase.name()),
                    started,
                    ended,
                    BootTrace.Status.FAILED,
                    describe(e));
            Console.error("phase %s failed: %s", phase.name(), describe(e));
            firstFailure.compareAndSet(null, e);
            throw new CompletionException(e);
        }
    }

    static String describe(Throwable failure) {
        if (failure instanceof BootFailure bf) {
            return bf.describe();
        }
        return Failures.describe(failure);
    }
}
