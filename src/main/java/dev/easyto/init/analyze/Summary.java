package dev.easyto.init.analyze;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The one line that says how a recorded boot went, at the top of every report. */
final class Summary {
    private Summary() {}

    static String of(RecordedBoot boot) {
        String when =
                "boot at " + Instant.ofEpochMilli(boot.bootStartedEpochMs()).truncatedTo(ChronoUnit.SECONDS);
        return when + ": " + ending(boot);
    }

    /** How the boot ended, and when. */
    static String ending(RecordedBoot boot) {
        return switch (boot.ending()) {
            case COMPLETED ->
                "completed in " + boot.totalMs() + " ms, command handed over"
                        + sincePid1(boot, boot.totalMs())
                                .map(since -> " " + since)
                                .orElse("");
            case FAILED -> {
                PhaseRun failed = boot.firstFailure().orElseThrow();
                yield "failed after " + failed.endedMs() + " ms: " + failed.name() + " failed"
                        + (failed.error() == null ? "" : ": " + failed.error());
            }
            case CUT_SHORT ->
                "cut short after " + boot.totalMs() + " ms: no phase failed, but the trace was written before"
                        + " every phase had run";
        };
    }

    /** {@code N ms after PID 1 started} for a time of the boot, when the trace knows PID 1's start. */
    static Optional<String> sincePid1(RecordedBoot boot, long atMs) {
        if (boot.pid1StartedMs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((atMs - boot.pid1StartedMs().getAsLong()) + " ms after PID 1 started");
    }

    /** What became of a phase, in a few words: done, failed and why, skipped and why. */
    static String outcome(RecordedBoot boot, PhaseRun phase) {
        return switch (phase.outcome()) {
            case OK -> "done";
            case FAILED -> "failed" + (phase.error() == null ? "" : ": " + phase.error());
            case SKIPPED -> {
                var because = boot.skippedBecause(phase);
                yield because.isEmpty()
                        ? "skipped: a phase it waits for did not complete"
                        : "skipped: " + String.join(", ", because) + " failed";
            }
        };
    }
}
