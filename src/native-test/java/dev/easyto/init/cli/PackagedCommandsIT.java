package dev.easyto.init.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.TestArtifact;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Properties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The commands for people, run on the packaged artifact: the native executable when the build
 * made one ({@code -Dnative}), else the JVM application. Both must answer alike.
 */
@QuarkusMainIntegrationTest
class PackagedCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Launch({
        "validate",
        "--user-data",
        "src/test/sample/user-data.yaml",
        "--metadata",
        "src/test/sample/metadata.json",
        "--root",
        "src/test/sample/overlay"
    })
    void validateAcceptsTheSample(LaunchResult result) {
        assertEquals("OK", result.getOutput().strip());
    }

    @Test
    @Launch(
            value = {"validate", "--user-data", "src/test/scenarios/invalid-userdata/user-data.yaml"},
            exitCode = 1)
    void validateNamesWhereTheUserDataIsWrong(LaunchResult result) {
        // The test launcher may add Quarkus's own start and stop lines; ours is file:line:column.
        List<String> errors = result.getErrorStream();
        assertTrue(
                errors.contains("src/test/scenarios/invalid-userdata/user-data.yaml:3:12: invalid YAML: "
                        + "mapping values are not allowed here"),
                errors::toString);
    }

    @Test
    @Launch({
        "plan",
        "--user-data",
        "src/test/sample/user-data.yaml",
        "--metadata",
        "src/test/sample/metadata.json",
        "--root",
        "src/test/sample/overlay"
    })
    void planPrintsTheSampleCommand(LaunchResult result) throws IOException {
        JsonNode plan = JSON.readTree(result.getOutput());
        assertEquals("/usr/local/bin/server", plan.get("argv").get(0).asText());
        assertEquals(1000, plan.get("uid").asLong());
        assertEquals(1000, plan.get("gid").asLong());
        assertEquals("/srv", plan.get("working-dir").asText());
        List<String> names = plan.get("env").findValuesAsText("name");
        assertTrue(names.containsAll(List.of("PATH", "GREETING", "BANNER")), names::toString);
    }

    @Test
    @Launch("schema")
    void schemaIsTheShippedOne(LaunchResult result) throws IOException {
        try (InputStream shipped = PackagedCommandsIT.class.getResourceAsStream("/easyto-user-data.schema.json")) {
            assertEquals(JSON.readTree(shipped), JSON.readTree(result.getOutput()));
        }
    }

    @Test
    @Launch({"analyze", "blame", "src/test/resources/dev/easyto/init/analyze/sample-boot.json"})
    void analyzeBlamesTheSampleBoot(LaunchResult result) {
        List<String> lines = result.getOutputStream();
        assertTrue(lines.contains("550 ms   +513 ms  resolve-env      done"), lines::toString);
    }

    @Test
    @Launch({"analyze", "plot", "src/test/resources/dev/easyto/init/analyze/invalid-userdata-boot.json"})
    void analyzePlotsAFailedBoot(LaunchResult result) {
        String svg = result.getOutput();
        assertTrue(svg.startsWith("<?xml") && svg.strip().endsWith("</svg>"), svg);
        assertTrue(svg.contains("class=\"phase failed critical\" data-phase=\"parse-user-data\""), svg);
    }

    @Test
    @Launch(
            value = {"analyze", "critical-chain", "pom.xml"},
            exitCode = 2)
    void analyzeRefusesWhatIsNoTrace(LaunchResult result) {
        List<String> errors = result.getErrorStream();
        assertTrue(
                errors.stream().anyMatch(line -> line.startsWith("error: pom.xml:1:1: invalid JSON: ")),
                errors::toString);
        assertTrue(errors.stream().noneMatch(line -> line.contains("Exception")), errors::toString);
    }

    /**
     * The run that asks for the native executable ({@code easyto.artifact=native}, failsafe's
     * {@code native} execution) must launch it: Quarkus picks the artifact from the properties
     * the last build wrote, so a JVM build after {@code make native} would test the jar instead.
     */
    @Test
    void launchesTheArtifactAskedFor() throws IOException {
        Properties built = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/quarkus-artifact.properties"))) {
            built.load(in);
        }
        String expected = TestArtifact.isNative() ? "native" : "jar";
        assertEquals(expected, built.getProperty("type"), "target/quarkus-artifact.properties: " + built);
    }
}
