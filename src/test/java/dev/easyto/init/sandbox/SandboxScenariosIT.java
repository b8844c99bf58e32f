package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boots the real init in the sandbox for every scenario listed in {@code
 * src/test/sandbox/scenarios.txt} (names under {@code src/test/scenarios}) and requires each to
 * pass: the judgement is the harness's, the init must also power off. Each boot's command must
 * also be the one {@code plan} prints for the same inputs ({@link PlanMatchesBoot}), and {@code
 * analyze} must read its trace ({@link BootReports}). After them all, no console or trace may show a
 * seeded secret ({@link SecretScan}).
 */
class SandboxScenariosIT {

    /** The list, or those of its names the system property {@code easyto.scenarios} gives (comma-separated). */
    static List<String> scenarios() throws IOException {
        List<String> all = Sandbox.scenarioList(Sandbox.SANDBOX.resolve("scenarios.txt"));
        String only = System.getProperty("easyto.scenarios", "").strip();
        if (only.isEmpty()) {
            return all;
        }
        List<String> chosen = List.of(only.split("\\s*,\\s*"));
        for (String name : chosen) {
            assertTrue(
                    all.contains(name), () -> "easyto.scenarios names " + name + ", which scenarios.txt does not list");
        }
        return chosen;
    }

    /**
     * No boot of this run printed a seeded secret, in its console or its trace ({@link
     * SecretScan}); every value seeded for any scenario is looked for in every boot.
     */
    @AfterAll
    static void noBootShowsASeededSecret() throws IOException {
        if (SecretScan.CAPTURED.isEmpty()) {
            return;
        }
        Map<String, String> secrets = SeededSecrets.collect(SeededSecrets.allScenarioDirs());
        List<String> leaks = new ArrayList<>();
        for (SecretScan.Boot boot : SecretScan.CAPTURED) {
            leaks.addAll(SecretScan.leaks(boot, secrets));
        }
        System.out.printf(
                "secret scan: %d seeded values in %d boots, %d leaks%n",
                secrets.size(), SecretScan.CAPTURED.size(), leaks.size());
        assertEquals(List.of(), leaks, () -> "seeded secrets shown:\n" + String.join("\n", leaks));
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("scenarios")
    void scenarioPasses(String name) throws Exception {
        Path scenario = Sandbox.SCENARIOS.resolve(name);
        assertTrue(Files.isDirectory(scenario), "scenarios.txt names " + name + ", but " + scenario + " is missing");
        Sandbox.assumeAvailable();
        Sandbox.Run run = Sandbox.run(scenario, Map.of("KEEP", "1"));
        SecretScan.capture(run);
        System.out.printf("%s in %d ms%n", run.resultLine(), run.elapsed().toMillis());
        assertEquals(0, run.exitCode(), run::describe);
        CONSOLE_CHECKS.getOrDefault(name, output -> {}).accept(run.output());
        PlanMatchesBoot.check(run);
    }

    /** The sample image that {@code make run} boots. */
    @Test
    void sampleBoots() throws Exception {
        Sandbox.assumeAvailable();
        Sandbox.Run run = Sandbox.run(Path.of("src/test/sample"), Map.of("KEEP", "1"));
        SecretScan.capture(run);
        assertEquals(0, run.exitCode(), run::describe);
        PlanMatchesBoot.check(run);
        assertTrue(
                run.output()
                        .contains(
                                "server: uid 1000 gid 1000, cwd /srv, BANNER=hello from easyto on i-test12345, port 8080"),
                run::describe);
        assertTrue(
                run.output().contains("server: config: listen_backlog=1024, DB_PASSWORD is 34 characters"),
                run::describe);
    }

    /**
     * What upstream's line matching cannot judge. Timings: the grace period is waited out only as
     * long as a process needs it, and SIGKILL follows right after it expires (windows wide enough
     * for a loaded 2-core machine). Upstream's optional scenarios only print PASS once the command
     * runs: here the skip must also be said, naming the source and why, and a skipped env-from item
     * must leave no variable (the boot trace's command, {@link PlanMatchesBoot}). Generic
     * expectations (a "No such file or directory" anywhere) are made specific.
     */
    static final Map<String, Consumer<String>> CONSOLE_CHECKS = Map.ofEntries(
            Map.entry(
                    "grace-respected",
                    output -> assertMillis(
                            output, "all processes exited during grace period \\((\\d+) ms\\)", 1000, 2000)),
            Map.entry(
                    "grace-expired",
                    output ->
                            assertMillis(output, "sending SIGKILL to all processes \\(after (\\d+) ms\\)", 2000, 3000)),
            says(
                    "s3-env-from-optional",
                    "warning: optional env-from source skipped: s3 object "
                            + "s3://optional-bucket/non-existent-object.json: NoSuchKey"),
            says(
                    "ssm-env-from-optional",
                    "warning: optional env-from source skipped: ssm parameter /non-existent/parameter: "
                            + "ParameterNotFound"),
            says(
                    "secrets-manager-env-from-optional",
                    "warning: optional env-from source skipped: secrets-manager secret non-existent/secret: "
                            + "ResourceNotFoundException"),
            says(
                    "s3-volume-optional",
                    "warning: optional s3 volume at /config failed, skipping: "
                            + "no S3 objects found in empty-bucket/non-existent/"),
            says(
                    "ssm-volume-optional",
                    "warning: optional ssm volume at /config failed, skipping: ssm parameters /app/missing/: "
                            + "ParameterNotFound"),
            says(
                    "secrets-manager-volume-optional",
                    "warning: optional secrets-manager volume at /secrets/password failed, skipping: "
                            + "secret non-existent-secret: ResourceNotFoundException"),
            says(
                    "missing-entrypoint",
                    "error: unable to start main process /nonexistent/command: No such file or directory"),
            says("spot-termination", "info: shutdown requested by spot termination notice"),
            // The stand-in services check the order themselves; the init's own lines must agree.
            Map.entry(
                    "services-stop-after-main",
                    output -> assertInOrder(
                            output,
                            "info: stopping main process (pid ",
                            "info: main process exited with status 0 (",
                            "info: stopping service ssh (pid ",
                            "info: stopping service chrony (pid ",
                            "info: sending SIGTERM to all processes")));

    private static Map.Entry<String, Consumer<String>> says(String scenario, String line) {
        return Map.entry(
                scenario, output -> assertTrue(output.contains(line), () -> "no line " + line + " in:\n" + output));
    }

    static void assertInOrder(String output, String... lines) {
        int from = 0;
        for (String line : lines) {
            int at = output.indexOf(line, from);
            assertTrue(at >= 0, () -> "no " + line + " after the lines before it in:\n" + output);
            from = at + line.length();
        }
    }

    static void assertMillis(String output, String pattern, long atLeast, long below) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        assertTrue(matcher.find(), () -> "no line matching " + pattern + " in:\n" + output);
        long millis = Long.parseLong(matcher.group(1));
        assertTrue(
                millis >= atLeast && millis < below,
                () -> pattern + ": " + millis + " ms, expected [" + atLeast + ", " + below + ")");
    }
}
