package dev.easyto.init.analyze;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One boot as its trace recorded it. Times are milliseconds from the boot's start; {@code
 * pid1StartedMs}, when known, is when PID 1 was started (not positive: before the boot). {@code
 * totalMs} is when the trace was written: for a completed boot, the hand-over to the command.
 */
public record RecordedBoot(
        int version,
        long bootStartedEpochMs,
        OptionalLong pid1StartedMs,
        long totalMs,
        boolean completed,
        List<PhaseRun> phases,
        boolean commandBuilt) {

    /** How the boot ended. */
    public enum Ending {
        /** Every phase ran and the command was handed over. */
        COMPLETED,
        /** A phase failed; the init powered off. */
        FAILED,
        /** Neither: the trace was written before every phase had run (none failed). */
        CUT_SHORT
    }

    public RecordedBoot {
        phases = List.copyOf(phases);
    }

    public Ending ending() {
        if (completed) {
            return Ending.COMPLETED;
        }
        return firstFailure().isPresent() ? Ending.FAILED : Ending.CUT_SHORT;
    }

    public Optional<PhaseRun> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The failure that failed the boot: the phase that failed first. */
    public Optional<PhaseRun> firstFailure() {
        return phases.stream()
                .filter(p -> p.outcome() == Outcome.FAILED)
                .min(Comparator.comparingLong(PhaseRun::endedMs).thenComparing(PhaseRun::name));
    }

    /**
     * Why a skipped phase was skipped: the failed phases it waited for, directly or through other
     * skipped ones. Empty for a phase that was not skipped.
     */
    public List<String> skippedBecause(PhaseRun skipped) {
        Map<String, PhaseRun> byName = byName();
        Set<String> failed = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<PhaseRun> pending = new ArrayList<>(List.of(skipped));
        while (!pending.isEmpty()) {
            PhaseRun phase = pending.removeFirst();
            if (phase.outcome() != Outcome.SKIPPED || !seen.add(phase.name())) {
                continue;
            }
            for (String dependency : phase.after()) {
                PhaseRun run = byName.get(dependency);
                if (run != null && run.outcome() == Outcome.FAILED) {
                    failed.add(run.name());
                } else if (run != null) {
                    pending.add(run);
                }
            }
        }
        return List.copyOf(failed);
    }

    Map<String, PhaseRun> byName() {
        Map<String, PhaseRun> byName = new LinkedHashMap<>();
        phases.forEach(p -> byName.put(p.name(), p));
        return byName;
    }
}
