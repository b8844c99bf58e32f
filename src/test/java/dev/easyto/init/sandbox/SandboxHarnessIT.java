package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests the sandbox harness itself with a stand-in init ({@code src/test/sandbox/fake-root/
 * fake-init.sh}), so it is known to work before the real init boots there. The self-test scenarios
 * are in {@code src/test/sandbox/selftest}; their user data is a shell script the fake init runs.
 */
class SandboxHarnessIT {
    private static final Path SELFTEST = Sandbox.SANDBOX.resolve("selftest");
    private static final Map<String, String> FAKE_INIT = Map.of(
            "INIT_COMMAND",
            "/fake-init.sh",
            "ROOT_OVERLAY",
            Sandbox.SANDBOX.resolve("fake-root").toString());

    @BeforeEach
    void sandboxesAvailable() {
        Sandbox.assumeAvailable();
    }

    private static Sandbox.Run run(Path scenario, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(FAKE_INIT);
        env.putAll(extraEnv);
        Sandbox.Run run = Sandbox.run(scenario, env);
        System.out.printf("%s in %d ms%n", run.resultLine(), run.elapsed().toMillis());
        if (!"1".equals(env.get("KEEP"))) {
            assertCleanedUp(run);
        }
        return run;
    }

    private static Sandbox.Run run(String selftest) throws Exception {
        return run(SELFTEST.resolve(selftest), Map.of());
    }

    private static void assertCleanedUp(Sandbox.Run run) {
        long id = run.pid();
        assertFalse(Files.exists(Path.of("/run/netns/easyto-sbx-" + id)), run::describe);
        assertFalse(Files.exists(Path.of("/run/netns/easyto-vpc-" + id)), run::describe);
        assertFalse(Files.exists(Sandbox.WORK.resolve(run.scenario() + "-" + id)), run::describe);
    }

    private static void assertResult(Sandbox.Run run, int exitCode, String result) {
        assertEquals(exitCode, run.exitCode(), run::describe);
        assertTrue(run.resultLine().startsWith("RESULT " + run.scenario() + " " + result), run::describe);
    }

    @Test
    void passingScenarioPasses() throws Exception {
        Sandbox.Run run = run("pass");
        assertResult(run, 0, "PASS (power-off: yes, ");
        assertTrue(run.output().contains("fake-init: pid 1\n"), run::describe);
        assertTrue(run.output().contains("fake-init: leased 10.0.2.15/24\n"), run::describe);
    }

    /** The harness can also configure the network itself, for an init without a DHCP client. */
    @Test
    void preconfiguredNetwork() throws Exception {
        Sandbox.Run run = run(SELFTEST.resolve("pass"), Map.of("PRECONFIGURE_NET", "1"));
        assertResult(run, 0, "PASS (power-off: yes, ");
        assertTrue(run.output().contains("fake-init: network preconfigured\n"), run::describe);
    }

    @Test
    void failingScenarioFails() throws Exception {
        Sandbox.Run run = run("fail");
        assertResult(run, 1, "FAIL (power-off: yes, ");
        assertTrue(run.output().contains("FAIL: this scenario fails on purpose"), run::describe);
    }

    /** Also the scenario that checks what the root, the network and the environment look like. */
    @Test
    void expectedOutputScenarioPassesFromOutsideTheRepository(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("expected-output"), outside.resolve("expected-output"));
        Sandbox.Run run = run(scenario, Map.of());
        assertResult(run, 0, "PASS (power-off: yes, ");
    }

    @Test
    void expectedOutputMustAllBeThere(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("gzip-userdata"), outside.resolve("missing-line"));
        Files.writeString(scenario.resolve("expected-output"), "user data ran\nthis line is never printed\n");
        Sandbox.Run run = run(scenario, Map.of());
        assertResult(run, 1, "FAIL (power-off: yes, ");
        assertTrue(run.output().contains("expected output not found: this line is never printed"), run::describe);
    }

    /** Stricter than upstream: a FAIL line fails the scenario even when every expected line is there. */
    @Test
    void aFailLineFailsDespiteExpectedOutput(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("pass"), outside.resolve("fail-despite-expected"));
        Files.writeString(
                scenario.resolve("user-data.yaml"),
                "#!/bin/sh\nexec >/dev/ttyS0 2>&1\necho 'all checks ran'\necho 'FAIL: one check failed'\n");
        Files.writeString(scenario.resolve("expected-output"), "all checks ran\n");
        Sandbox.Run run = run(scenario, Map.of());
        assertResult(run, 1, "FAIL (power-off: yes, ");
        assertTrue(run.output().contains("failure reported: FAIL: one check failed"), run::describe);
    }

    /** after-boot.sh reads the root the boot wrote to, once it has powered off, and can fail it. */
    @Test
    void afterBootChecksTheRootTheBootLeft(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("pass"), outside.resolve("after-boot"));
        Files.writeString(
                scenario.resolve("user-data.yaml"),
                "#!/bin/sh\nexec >/dev/ttyS0 2>&1\necho 'written at boot' >/kept\necho PASS\n");
        Files.writeString(
                scenario.resolve("after-boot.sh"),
                "[ \"$(cat \"$1/kept\")\" = 'written at boot' ] && echo 'the file is there'\n");
        Sandbox.Run run = run(scenario, Map.of());
        assertResult(run, 0, "PASS (power-off: yes, ");
        assertTrue(run.output().contains("after-boot: the file is there"), run::describe);

        Files.writeString(scenario.resolve("after-boot.sh"), "echo \"FAIL: not what was wanted\"\n");
        Sandbox.Run failed = run(scenario, Map.of());
        assertResult(failed, 1, "FAIL (power-off: yes, ");
        assertTrue(failed.output().contains("after-boot.sh failed"), failed::describe);
    }

    @Test
    void passAndFailTogetherFail(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("pass"), outside.resolve("pass-and-fail"));
        Files.writeString(
                scenario.resolve("user-data.yaml"),
                "#!/bin/sh\nexec >/dev/ttyS0 2>&1\necho 'FAIL: early'\necho PASS\n");
        assertResult(run(scenario, Map.of()), 1, "FAIL (power-off: yes, ");
    }

    /** A blank line in expected-output matches everything, so it means nothing and is skipped. */
    @Test
    void blankExpectedLinesAreIgnored(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("gzip-userdata"), outside.resolve("blank-expected"));
        Files.writeString(scenario.resolve("expected-output"), "\nuser data ran\n\n");
        assertResult(run(scenario, Map.of()), 0, "PASS (power-off: yes, ");
    }

    @Test
    void gzipUserDataReachesTheInitCompressed() throws Exception {
        assertResult(run("gzip-userdata"), 0, "PASS (power-off: yes, ");
    }

    /** POWERDOWN_AFTER: signal 38 as soon as the console shows the text, not after a guessed delay. */
    @Test
    void powerButtonOnceTheConsoleSaysSo(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("send-signal"), outside.resolve("powerdown-after"));
        Files.writeString(scenario.resolve("config"), "POWERDOWN_AFTER=waiting for a signal\n");
        Sandbox.Run run = run(scenario, Map.of());
        assertResult(run, 0, "PASS (power-off: yes, ");
        assertTrue(run.output().contains("sent signal 38 to the init"), run::describe);
    }

    /** A key the harness would ignore hides why a scenario behaves differently: it is refused. */
    @Test
    void unknownConfigKeysAreRefused(@TempDir Path outside) throws Exception {
        Path scenario = copy(SELFTEST.resolve("pass"), outside.resolve("unknown-key"));
        Files.writeString(scenario.resolve("config"), "TIMEOUT=30\nREBOOT_TWICE=1\n");
        Sandbox.Run run = run(scenario, Map.of());
        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.output().contains("REBOOT_TWICE is not a key run-scenario can honour"), run::describe);
    }

    @Test
    void signalByNumberReachesTheInit() throws Exception {
        Sandbox.Run run = run("send-signal");
        assertResult(run, 0, "PASS (power-off: yes, ");
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(2)) >= 0, run::describe);
    }

    /** Kept, to check that the console holds nothing but the init's output. */
    @Test
    void signalByNameReachesTheInit() throws Exception {
        Sandbox.Run run = run(SELFTEST.resolve("send-signal-by-name"), Map.of("KEEP", "1"));
        Path work = Sandbox.WORK.resolve(run.scenario() + "-" + run.pid());
        try {
            assertResult(run, 0, "PASS (power-off: yes, ");
            assertTrue(run.output().contains("run-scenario: sent signal TERM to the init"), run::describe);
            List<String> console = Files.readAllLines(work.resolve("console.log"));
            assertEquals("fake-init: pid 1", console.getFirst());
            assertTrue(console.contains("fake-init: caught signal TERM"), console::toString);
            assertTrue(console.stream().noneMatch(line -> line.contains("run-scenario")), console::toString);
        } finally {
            delete(work);
        }
    }

    @Test
    void initThatNeverEndsTimesOut() throws Exception {
        Sandbox.Run run = run("timeout");
        assertResult(run, 1, "TIMEOUT (power-off: no, ");
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(3)) >= 0, run::describe);
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(15)) < 0, run::describe);
    }

    @Test
    void initThatExitsInsteadOfPoweringOffFails() throws Exception {
        Sandbox.Run run = run("no-power-off");
        assertResult(run, 1, "FAIL (power-off: no, ");
        assertTrue(run.output().contains("the init did not power off: it exited with status 0"), run::describe);
    }

    @Test
    void runsDoNotInterfere() throws Exception {
        List<CompletableFuture<Sandbox.Run>> runs = Stream.of("pass", "gzip-userdata", "expected-output")
                .map(name -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return run(name);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .toList();
        for (CompletableFuture<Sandbox.Run> run : runs) {
            assertResult(run.join(), 0, "PASS (power-off: yes, ");
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
