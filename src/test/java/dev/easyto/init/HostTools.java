package dev.easyto.init;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What tests that need the real machine check before they run: root, and programs on PATH. A
 * missing prerequisite fails the test, naming it and what installs it: a PID 1 whose sandbox or VM
 * tests vanished from a run has proven nothing. Only the layers named in {@code EASYTO_SKIP}
 * (comma-separated: {@code root}, {@code sandbox}, {@code vm}, {@code aws}, {@code browser}) are skipped instead,
 * and the run's summary lists them ({@link SkippedTestsSummary}).
 */
public final class HostTools {
    private HostTools() {}

    /**
     * Passes when {@code available}; otherwise skips, if {@code layer} is in {@code EASYTO_SKIP},
     * or fails with {@code missing}, which says what is missing and how to get it.
     */
    public static void require(String layer, boolean available, String missing) {
        if (available) {
            return;
        }
        if (skipped().contains(layer)) {
            assumeTrue(false, "EASYTO_SKIP=" + layer + ": " + missing);
        }
        fail(missing + " (or set EASYTO_SKIP=" + layer + " to skip these tests on purpose)");
    }

    private static List<String> skipped() {
        String value = System.getenv().getOrDefault("EASYTO_SKIP", "");
        return Stream.of(value.split(",", -1)).map(String::strip).toList();
    }

    /** Whether the effective user is root: /proc/self belongs to it. */
    public static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Whether {@code tool} is on PATH, or in the sbin directories a non-login shell may lack. */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        return Stream.of(path.split(":", -1))
                .filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
