package dev.easyto.init.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.TestImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {
    @TempDir
    Path dir;

    @Test
    void validUserDataPrintsOk() throws IOException {
        Path ud = Files.writeString(dir.resolve("ud.yaml"), "debug: true\n");
        Cli result = Cli.run("validate", "--user-data", ud.toString());
        assertEquals(0, result.exitCode());
        assertEquals("OK\n", result.out());
        assertEquals("", result.err());
    }

    @Test
    void everyErrorIsOneLineWithFileLineColumnAndPath() throws IOException {
        Path ud = Files.writeString(dir.resolve("ud.yaml"), """
                volumes:
                  - ebs:
                      device: /dev/sdf
                      mount:
                        destination: /data
                        mode: 0755
                shutdown-grace-period: soon
                """);
        Cli result = Cli.run("validate", "--user-data", ud.toString());
        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        String file = ud.toString();
        assertEquals(
                List.of(
                        file
                                + ":5:9: volumes[0].ebs.mount.fs-type: is required for an EBS mount (ext2, ext3, ext4, btrfs or xfs)",
                        file
                                + ":6:15: volumes[0].ebs.mount.mode: must be a quoted octal string such as \"0755\"; the unquoted YAML integer 0755 is read as a number, not a mode",
                        file + ":7:24: shutdown-grace-period: expected a whole number, found the string \"soon\""),
                result.errLines());
    }

    @Test
    void malformedYamlIsOneLineNotAStackTrace() {
        Cli result = Cli.run("validate", "--user-data", "src/test/scenarios/invalid-userdata/user-data.yaml");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.errLines().size(), result.err());
        assertTrue(
                result.err().startsWith("src/test/scenarios/invalid-userdata/user-data.yaml:3:12: invalid YAML: "),
                result.err());
        assertTrue(result.err().contains("invalid YAML: "), result.err());
        assertTrue(!result.err().contains("Exception") && !result.err().contains("\tat "), result.err());
    }

    @Test
    void warningsDoNotFailValidation() throws IOException {
        Path ud = Files.writeString(dir.resolve("ud.yaml"), "comand: [/bin/sh]\n");
        Cli result = Cli.run("validate", "--user-data", ud.toString());
        assertEquals(0, result.exitCode());
        assertEquals("OK\n", result.out());
        assertEquals(List.of(ud + ":1:1: warning: comand: unknown key ignored"), result.errLines());
    }

    @Test
    void emptyFileMeansNoUserDataAndMissingFileIsAUsageError() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertEquals(0, Cli.run("validate", "--user-data", empty.toString()).exitCode());
        Cli missing =
                Cli.run("validate", "--user-data", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("--user-data: no such file: "), missing.err());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run("validate").exitCode());
        assertEquals(2, Cli.run("validate", "--user-data", "x", "--bogus").exitCode());
    }

    @Test
    void standardInputAndGzip() throws IOException {
        Cli plain = Cli.runWithStdin("debug: true\n".getBytes(StandardCharsets.UTF_8), "validate", "--user-data", "-");
        assertEquals("OK\n", plain.out());
        Cli broken = Cli.runWithStdin("debug: [\n".getBytes(StandardCharsets.UTF_8), "validate", "--user-data", "-");
        assertEquals(1, broken.exitCode());
        assertTrue(broken.err().startsWith("<stdin>:"), broken.err());
    }

    @Test
    void withMetadataAndRootTheMergeIsCheckedToo() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        TestImage.create(root);
        Path metadata = TestImage.metadata(dir);
        Path ud = Files.writeString(dir.resolve("ud.yaml"), "command: [nosuchtool]\n");
        Cli result = Cli.run(
                "validate", "--user-data", ud.toString(), "--metadata", metadata.toString(), "--root", root.toString());
        assertEquals(1, result.exitCode());
        assertEquals(
                List.of(ud + ":1:11: command[0]: unable to find executable in PATH: nosuchtool"), result.errLines());
    }

    @Test
    void aMissingExecutableIsReportedWhereItWasWritten() throws IOException {
        Path root = TestImage.create(Files.createDirectories(dir.resolve("root")));
        Path metadata = TestImage.metadata(dir);
        Path args = Files.writeString(dir.resolve("args.yaml"), "debug: false\nargs: [nosuchtool, x]\n");
        assertEquals(
                List.of(args + ":2:8: args[0]: unable to find executable in PATH: nosuchtool"),
                Cli.run(
                                "validate",
                                "--user-data",
                                args.toString(),
                                "--metadata",
                                metadata.toString(),
                                "--root",
                                root.toString())
                        .errLines());
        Path image = Files.writeString(
                dir.resolve("image.json"), "{\"config\":{\"Cmd\":[\"image-tool\"],\"Env\":[\"PATH=/bin\"]}}");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertEquals(
                List.of(image + ": config.Cmd[0]: unable to find executable in PATH: image-tool"),
                Cli.run(
                                "validate",
                                "--user-data",
                                empty.toString(),
                                "--metadata",
                                image.toString(),
                                "--root",
                                root.toString())
                        .errLines());
    }

    static Stream<String> upstreamScenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(TestImage.SCENARIOS)) {
            return dirs
                    .filter(d -> Files.exists(d.resolve("user-data.yaml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    /** Scenarios whose user data the init refuses at parse-user-data, ending in a System error. */
    private static final Set<String> INVALID_USER_DATA =
            Set.of("invalid-userdata", "template-variables-recursive", "env-nul-byte");

    /**
     * What the scenario's expected console says the init refused: each {@code user-data:L:C: field:
     * message} of its "System error: InvalidUserData" line, as {@code :L:C: field: message}.
     */
    private static List<String> initRefusals(String scenario) {
        try {
            String expected = Files.readString(TestImage.SCENARIOS.resolve(scenario + "/expected-output"));
            String marker = "System error: InvalidUserData: ";
            int at = expected.indexOf(marker);
            if (at < 0) {
                return List.of();
            }
            String line =
                    expected.substring(at + marker.length()).lines().findFirst().orElse("");
            return Stream.of(line.split("; "))
                    .map(part -> part.substring(part.indexOf(':')))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("upstreamScenarios")
    void everyUpstreamScenarioValidatesExceptTheInvalidOne(String scenario) {
        Cli result = Cli.run(
                "validate",
                "--user-data",
                TestImage.SCENARIOS.resolve(scenario + "/user-data.yaml").toString());
        if (INVALID_USER_DATA.contains(scenario)) {
            // validate refuses what the init refuses, at the same line, column and field.
            assertEquals(1, result.exitCode());
            for (String refusal : initRefusals(scenario)) {
                assertTrue(
                        result.err().contains(refusal),
                        () -> "validate does not say '" + refusal + "':\n" + result.err());
            }
        } else {
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("", result.err(), "no warnings expected for upstream's own user data");
        }
    }
}
