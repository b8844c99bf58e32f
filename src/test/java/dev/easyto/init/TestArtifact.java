package dev.easyto.init;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which build of the init the integration tests run: the system property {@code easyto.artifact}
 * ({@code jvm} by default; failsafe's {@code native} execution sets {@code native}; the VM boots
 * also take {@code jvm-release}), passed on to the harnesses as {@code ARTIFACT}.
 */
public final class TestArtifact {
    public static final String NAME = System.getProperty("easyto.artifact", "jvm");

    public static final Path NATIVE_EXECUTABLE = Path.of("target/native/easyto-init");

    private TestArtifact() {}

    public static boolean isNative() {
        return NAME.equals("native");
    }

    /**
     * Fails, whatever {@code EASYTO_SKIP} says, when the native executable is asked for and not
     * built: a run that asked for it and booted nothing has proven nothing about it.
     */
    public static void requireNativeBuilt() {
        if (!Files.isExecutable(NATIVE_EXECUTABLE)) {
            throw new AssertionError(
                    "-Deasyto.artifact=native, but there is no " + NATIVE_EXECUTABLE + " (run: make native)");
        }
    }
}
