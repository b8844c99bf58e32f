package dev.easyto.init.analyze;

/** How a phase ended, as the trace's {@code status} says. */
public enum Outcome {
    OK,
    FAILED,
    SKIPPED
}
