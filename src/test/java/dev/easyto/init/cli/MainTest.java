package dev.easyto.init.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

/** The application as started from the jar: CDI wiring, picocli and exit codes. */
@QuarkusMainTest
class MainTest {

    @Test
    @Launch(value = {"validate", "--user-data", "src/test/scenarios/env-static/user-data.yaml"})
    void validateThroughTheApplication(LaunchResult result) {
        assertEquals("OK", result.getOutput().strip());
    }

    @Test
    @Launch(
            value = {"validate", "--user-data", "src/test/scenarios/invalid-userdata/user-data.yaml"},
            exitCode = 1)
    void invalidUserDataExitsOne(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("invalid YAML"), result.getErrorOutput());
    }

    @Test
    @Launch(
            value = {"validate"},
            exitCode = 2)
    void usageErrorExitsTwo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("--user-data"), result.getErrorOutput());
    }

    @Test
    @Launch(value = {"schema"})
    void schemaIsShippedInTheApplication(LaunchResult result) {
        assertTrue(result.getOutput().contains("\"$schema\""), result.getOutput());
    }

    @Test
    @Launch(value = {"analyze", "critical-chain", "src/test/resources/dev/easyto/init/analyze/sample-boot.json"})
    void analyzeThroughTheApplication(LaunchResult result) {
        assertTrue(result.getOutput().contains("command @1357 ms (3684 ms after PID 1 started)"), result.getOutput());
    }

    @Test
    @Launch(
            value = {"analyze", "blame", "pom.xml"},
            exitCode = 2)
    void aFileThatIsNoTraceExitsTwo(LaunchResult result) {
        assertTrue(result.getErrorOutput().contains("error: pom.xml:1:1: invalid JSON"), result.getErrorOutput());
    }
}
