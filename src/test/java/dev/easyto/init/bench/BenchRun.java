package dev.easyto.init.bench;

import java.util.Map;

/**
 * One boot of the benchmark scenario: when the command started after PID 1 (its execve), the
 * boot's own duration and each phase's (from its trace), and PID 1's resident memory while it
 * supervised the command.
 */
record BenchRun(long commandStartMs, long bootMs, Map<String, Long> phasesMs, long rssKb) {
    BenchRun {
        phasesMs = Map.copyOf(phasesMs);
    }
}
