package dev.easyto.init.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The traces the tests read: recorded in sandbox boots ({@code sample-boot.json}: the sample image
 * that {@code make run} boots, its phases in parallel; {@code invalid-userdata-boot.json}: a
 * failed phase and the phases it skipped; {@code init-script-failure-boot.json}: the last phase
 * failed), one cut short ({@code cut-short-boot.json}: the sample's first 460 ms, as a trace
 * written before every phase had run would be), and boots built by hand.
 */
final class Traces {
    static final String SAMPLE = "sample-boot.json";
    static final String FAILED = "invalid-userdata-boot.json";
    static final String LAST_FAILED = "init-script-failure-boot.json";
    static final String CUT_SHORT = "cut-short-boot.json";

    private Traces() {}

    static byte[] bytes(String name) {
        try (InputStream in = Traces.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test trace " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordedBoot read(String name) {
        try {
            return TraceReader.read(bytes(name), name);
        } catch (TraceException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** A boot by hand: phases as {@code name start end status after...}. */
    static RecordedBoot boot(boolean completed, long totalMs, String... phases) {
        List<PhaseRun> runs = new ArrayList<>();
        for (String phase : phases) {
            String[] words = phase.split(" ", -1);
            runs.add(new PhaseRun(
                    words[0],
                    List.of(words).subList(4, words.length),
                    Long.parseLong(words[1]),
                    Long.parseLong(words[2]),
                    Outcome.valueOf(words[3]),
                    words[3].equals("FAILED") ? "it broke" : null));
        }
        return new RecordedBoot(1, 0, OptionalLong.of(-500), totalMs, completed, runs, completed);
    }
}
