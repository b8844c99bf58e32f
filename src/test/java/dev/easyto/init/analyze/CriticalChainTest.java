package dev.easyto.init.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CriticalChainTest {

    /**
     * By hand: {@code start} feeds {@code slow} and {@code fast}, which {@code join} waits for;
     * {@code side} waits for nothing and ends before {@code join}; {@code tail} waits for {@code
     * join} and {@code side}. The chain is the dependency that ended last at every step.
     */
    @Test
    void followsTheDependencyThatEndedLast() {
        RecordedBoot boot = Traces.boot(
                true,
                100,
                "start 0 10 OK",
                "side 0 70 OK",
                "fast 10 20 OK start",
                "slow 12 60 OK start",
                "join 61 80 OK fast slow",
                "tail 80 95 OK join side");
        CriticalChain chain = CriticalChain.of(boot);
        assertEquals("command", chain.end());
        assertEquals(100, chain.endMs());
        assertEquals(List.of("tail", "join", "slow", "start"), names(chain));
    }

    @Test
    void theLastPhaseToEndLeadsEvenWithoutDependents() {
        // Nothing waits for "late", but the command waits for every phase.
        RecordedBoot boot = Traces.boot(true, 200, "a 0 10 OK", "b 10 50 OK a", "late 0 190 OK");
        assertEquals(List.of("late"), names(CriticalChain.of(boot)));
    }

    @Test
    void aRecordedBoot() {
        RecordedBoot boot = Traces.read(Traces.SAMPLE);
        assertEquals("""
                boot at 2026-11-30T02:21:20Z: completed in 1357 ms, command handed over 3684 ms after PID 1 started

                The time when a phase started is printed after "@", how long it took after "+".

                command @1357 ms (3684 ms after PID 1 started)
                └─init-scripts @1280 ms +8 ms
                  └─volumes @1065 ms +213 ms
                    └─resolve-env @513 ms +550 ms
                      └─merge-spec @506 ms +7 ms
                        └─parse-user-data @465 ms +40 ms
                          └─fetch-user-data @154 ms +310 ms
                            └─network @66 ms +88 ms
                              └─base-mounts @17 ms +35 ms
                """, CriticalChain.render(boot));
    }

    @Test
    void aFailedBootLeadsToItsFailure() {
        CriticalChain chain = CriticalChain.of(Traces.read(Traces.FAILED));
        assertEquals("boot failed", chain.end());
        assertEquals(596, chain.endMs());
        assertEquals(List.of("parse-user-data", "fetch-user-data", "network", "base-mounts"), names(chain));
        String rendered = CriticalChain.render(Traces.read(Traces.LAST_FAILED));
        assertEquals(
                "└─init-scripts @753 ms +84 ms (failed: unable to run init script /.easyto/run/init-0: No such file"
                        + " or directory)",
                rendered.lines().toList().get(5));
    }

    @Test
    void theFirstFailureIsTheBootsFailure() {
        RecordedBoot boot = Traces.boot(
                false, 90, "a 0 10 OK", "early 10 40 FAILED a", "later 0 80 FAILED", "c 40 40 SKIPPED early");
        CriticalChain chain = CriticalChain.of(boot);
        assertEquals(40, chain.endMs());
        assertEquals(List.of("early", "a"), names(chain));
    }

    @Test
    void aBootCutShortLeadsToTheLastPhaseThatEnded() {
        CriticalChain chain = CriticalChain.of(Traces.read(Traces.CUT_SHORT));
        assertEquals("boot cut short", chain.end());
        assertEquals(460, chain.endMs());
        assertEquals(List.of("set-hostname", "network", "base-mounts"), names(chain));
    }

    private static List<String> names(CriticalChain chain) {
        return chain.phases().stream().map(PhaseRun::name).toList();
    }
}
