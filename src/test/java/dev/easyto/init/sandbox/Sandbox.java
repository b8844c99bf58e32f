package dev.easyto.init.sandbox;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.HostTools.onPath;

import dev.easyto.init.HostTools;
import dev.easyto.init.TestArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs {@code src/test/sandbox/run-scenario.sh} on one scenario, as the JUnit drivers need it. */
final class Sandbox {
    static final Path HARNESS = Path.of("src/test/sandbox/run-scenario.sh");
    static final Path SCENARIOS = Path.of("src/test/scenarios");
    static final Path SANDBOX = Path.of("src/test/sandbox");
    static final Path WORK = Path.of("target/sandbox");

    /** Time the harness needs beyond the scenario's own TIMEOUT: the mock's start and the cleanup. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private static final List<String> TOOLS = List.of("unshare", "ip", "busybox", "chroot", "dnsmasq", "curl");

    /** What one harness run printed: the console, the harness's notes and its RESULT line. */
    record Run(String scenario, int exitCode, String output, Duration elapsed, long pid) {
        String resultLine() {
            return output.lines()
                    .filter(line -> line.startsWith("RESULT "))
                    .reduce((first, second) -> second)
                    .orElse("");
        }

        String describe() {
            return "harness exit status " + exitCode + " for " + scenario + " after " + elapsed.toMillis()
                    + " ms; its output:\n" + output;
        }
    }

    private Sandbox() {}

    /**
     * Sandboxes need root (namespaces, mounts, chroot) and unshare, iproute2, busybox-static and
     * dnsmasq; without them the test fails, unless EASYTO_SKIP names the sandbox layer.
     */
    static void assumeAvailable() {
        HostTools.require(
                "sandbox",
                isRoot(),
                "sandbox scenarios need root (network namespaces, mounts, chroot); run the build as root to run them");
        for (String tool : TOOLS) {
            HostTools.require(
                    "sandbox",
                    onPath(tool),
                    "sandbox scenarios need '" + tool
                            + "' (apt-get install util-linux iproute2 coreutils busybox-static dnsmasq-base curl)");
        }
    }

    /** The scenario's TIMEOUT from its config, 60 s when it sets none, as the harness reads it. */
    static Duration scenarioTimeout(Path scenario) {
        Path config = scenario.resolve("config");
        long seconds = 60;
        if (Files.isRegularFile(config)) {
            try (Stream<String> lines = Files.lines(config)) {
                seconds = lines.map(String::strip)
                        .filter(line -> line.startsWith("TIMEOUT="))
                        .map(line -> Long.parseLong(line.substring("TIMEOUT=".length())))
                        .reduce((first, second) -> second)
                        .orElse(seconds);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Duration.ofSeconds(seconds);
    }

    /** Scenario names from a list file: one per line, {@code #} starts a comment. */
    static List<String> scenarioList(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int hash = line.indexOf('#');
            String name = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    static Run run(Path scenario, Map<String, String> env) throws IOException, InterruptedException {
        if (TestArtifact.isNative()) {
            TestArtifact.requireNativeBuilt();
        }
        ProcessBuilder builder =
                new ProcessBuilder("sh", HARNESS.toString(), scenario.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // SandboxScenariosIT keeps its own reports of each boot; the harness need not make them too.
        builder.environment().put("REPORT_BOOT", "0");
        builder.environment().put("ARTIFACT", TestArtifact.NAME);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        Duration limit = scenarioTimeout(scenario).plus(MARGIN);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            // SIGTERM lets the harness's trap kill the sandbox and delete its namespaces.
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new AssertionError("the harness did not finish " + scenario + " within " + limit.toSeconds()
                    + " s; its output:\n" + output.join());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return new Run(scenario.getFileName().toString(), process.exitValue(), output.join(), elapsed, process.pid());
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
