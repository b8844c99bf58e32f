package dev.easyto.init.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.analyze.CriticalChain;
import dev.easyto.init.analyze.Outcome;
import dev.easyto.init.analyze.PhaseRun;
import dev.easyto.init.analyze.RecordedBoot;
import dev.easyto.init.analyze.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace the orchestrator writes is the one {@code analyze} reads: a graph built by hand runs,
 * its trace is written and read back, and the critical chain follows the graph's slowest path.
 */
class BootTraceAnalysisTest {
    record Start(int value) {}

    record Slow(int value) {}

    record Fast(int value) {}

    record Side(int value) {}

    record Joined(int value) {}

    @TempDir
    Path dir;

    @Test
    void theCriticalChainFollowsTheSlowestPath() throws Exception {
        // start -> slow (250 ms) and fast (10 ms) -> join; side (100 ms) waits for nothing.
        List<Phase<?>> phases = List.of(
                new FakePhase<>("start", List.of(), Start.class, in -> new Start(sleep(20))),
                new FakePhase<>("slow", List.of(Start.class), Slow.class, in -> new Slow(sleep(250))),
                new FakePhase<>("fast", List.of(Start.class), Fast.class, in -> new Fast(sleep(10))),
                new FakePhase<>("side", List.of(), Side.class, in -> new Side(sleep(100))),
                new FakePhase<>("join", List.of(Slow.class, Fast.class), Joined.class, in -> new Joined(sleep(10))));
        BootTrace trace = new BootTrace();
        trace.pid1Started(700);
        new BootOrchestrator(phases).run(trace);
        RecordedBoot boot = written(trace, true);

        assertEquals(BootTrace.VERSION, boot.version());
        assertEquals(TraceReader.VERSION, boot.version());
        assertEquals(5, boot.phases().size());
        assertEquals(List.of("slow", "fast"), boot.phase("join").orElseThrow().after());
        assertEquals(List.of(), boot.phase("side").orElseThrow().after());
        long pid1 = boot.pid1StartedMs().orElseThrow();
        assertTrue(pid1 <= -700 && pid1 > -800, () -> "pid1-started-ms " + pid1);
        CriticalChain chain = CriticalChain.of(boot);
        assertEquals(
                List.of("join", "slow", "start"),
                chain.phases().stream().map(PhaseRun::name).toList());
        assertEquals(boot.totalMs(), chain.endMs());
    }

    @Test
    void aFailedBootsTraceNamesTheFailureAndTheSkips() throws Exception {
        List<Phase<?>> phases = List.of(
                new FakePhase<>("start", List.of(), Start.class, in -> {
                    throw new IllegalStateException("no disk");
                }),
                new FakePhase<>("slow", List.of(Start.class), Slow.class, in -> new Slow(0)),
                new FakePhase<>("join", List.of(Slow.class), Joined.class, in -> new Joined(0)),
                new FakePhase<>("side", List.of(), Side.class, in -> new Side(0)));
        BootTrace trace = new BootTrace();
        assertThrows(BootFailure.class, () -> new BootOrchestrator(phases).run(trace));
        RecordedBoot boot = written(trace, false);
        assertEquals(RecordedBoot.Ending.FAILED, boot.ending());
        assertEquals("no disk", boot.firstFailure().orElseThrow().error());
        PhaseRun join = boot.phase("join").orElseThrow();
        assertEquals(Outcome.SKIPPED, join.outcome());
        assertEquals(List.of("start"), boot.skippedBecause(join));
        assertEquals(Outcome.OK, boot.phase("side").orElseThrow().outcome());
    }

    private RecordedBoot written(BootTrace trace, boolean completed) throws Exception {
        Path file = dir.resolve("boot-trace.json");
        trace.write(file, completed);
        return TraceReader.read(Files.readAllBytes(file), file.toString());
    }

    private static int sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return 0;
    }
}
