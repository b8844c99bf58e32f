package dev.easyto.init.analyze;

import java.util.List;

/**
 * One phase of a recorded boot: the phases it waited for ({@code after}), when it started and
 * ended in milliseconds from the boot's start, how it ended, and its error when it failed.
 */
public record PhaseRun(String name, List<String> after, long startedMs, long endedMs, Outcome outcome, String error) {

    public PhaseRun {
        after = List.copyOf(after);
    }

    public long durationMs() {
        return endedMs - startedMs;
    }
}
