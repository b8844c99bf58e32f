package dev.easyto.init.vm;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.HostTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test layer 3: the init as PID 1 of a QEMU machine (TCG) with Debian's kernel, booted by {@code
 * src/native-test/vm/run-vm.sh}, for what only a real boot shows: the serial console, kernel
 * modules, the ACPI power button, a signal from outside, NVMe disks (EBS volumes) and a real
 * power-off. Each boot takes tens of seconds under TCG,
 * so only these scenarios run here; the sandbox covers the rest.
 *
 * <p>The system property {@code easyto.artifact} says which init boots, as the harness's {@code
 * ARTIFACT}: {@code jvm} (the default: target/quarkus-app on a jlink'ed runtime), {@code native}
 * (target/native/easyto-init, {@code make native}) or {@code jvm-release} (make release's
 * tarball). A run for {@code jvm} boots the JVM release, which {@code make test} builds first: it
 * is the JVM artifact an image carries (jlinked runtime, AOT cache), and it boots in about half
 * the time of the plain application under TCG; {@code basic-boot} is booted once more from
 * target/quarkus-app, the way dev mode and the sandbox run it.
 */
class VmBootIT {
    private static final Path HARNESS = Path.of("src/native-test/vm/run-vm.sh");

    private static final List<String> ARTIFACTS = List.of("jvm", "native", "jvm-release");

    private static final String ARTIFACT = TestArtifact.NAME;

    /** What boots the scenarios: the JVM release for a {@code jvm} run, else the artifact named. */
    private static final String BOOTED = ARTIFACT.equals("jvm") ? "jvm-release" : ARTIFACT;

    private static final Path RELEASE_DIR = Path.of("target/release");

    private static final Path KERNEL =
            Path.of(System.getenv().getOrDefault("EASYTO_VM_KERNEL", "/var/cache/easyto-init/vm-kernel"));

    /** The harness's own 300 s limit per boot, plus building the initramfs and the cleanup. */
    private static final Duration LIMIT = Duration.ofMinutes(7);

    /** Scenarios that boot twice (root-grow: the same disk again), each boot within 300 s. */
    private static final Duration TWO_BOOTS_LIMIT = Duration.ofMinutes(13);

    private static final List<String> TOOLS = List.of(
            "qemu-system-x86_64",
            "cpio",
            "kmod",
            "depmod",
            "modprobe",
            "busybox",
            "ip",
            "sfdisk",
            "mkfs.ext4",
            "dumpe2fs",
            "resize2fs");

    static List<Arguments> scenarios() {
        assertTrue(
                ARTIFACTS.contains(ARTIFACT),
                () -> "-Deasyto.artifact=" + ARTIFACT + ": not one of " + String.join(", ", ARTIFACTS));
        List<Arguments> boots = new ArrayList<>();
        for (String scenario : List.of(
                "src/test/scenarios/basic-boot",
                "src/test/scenarios/kernel-modules",
                // SIGTERM from outside: the harness's second serial port and init.sh's helper.
                "src/test/scenarios/sigterm-to-init",
                "src/native-test/vm/scenarios/vm-power-button",
                // Blank NVMe disks formatted and mounted (upstream's scenarios, unchanged).
                "src/test/scenarios/ebs-volume-ext4",
                "src/test/scenarios/ebs-volume-btrfs",
                // Attachment by tags through moto_server; the disk is hot-added once attached.
                "src/native-test/vm/scenarios/ebs-attach-hotplug",
                // Root on a GPT disk larger than its partition, booted twice (lib/root-disk.sh), with
                // 512- and 4096-byte logical blocks.
                "src/native-test/vm/scenarios/root-grow",
                "src/native-test/vm/scenarios/root-grow-4k")) {
            boots.add(Arguments.of(BOOTED, scenario));
        }
        // The application as the sandbox and dev mode run it, once, with the JVM run.
        if (ARTIFACT.equals("jvm")) {
            boots.add(Arguments.of("jvm", "src/test/scenarios/basic-boot"));
        }
        return boots;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void bootsPassesAndPowersOff(String artifact, String directory) throws Exception {
        boot(artifact, directory, Map.of());
    }

    /**
     * {@code ebs-options}: {@code mount.options} in /proc/mounts and the formatted volume's mode and
     * owner, then what the first boot wrote (with no sync of its own: the shutdown's unmount must
     * write it back) read by a second boot of the same disk, which must not format it again.
     */
    @Test
    void anEbsVolumeKeepsItsDataAcrossTwoBoots() throws Exception {
        Path disk = Files.createTempFile("easyto-vm-disk", ".img");
        Files.delete(disk);
        try {
            for (String boot : List.of("1", "2")) {
                boot(
                        BOOTED,
                        "src/native-test/vm/scenarios/ebs-options",
                        Map.of("EASYTO_VM_DISK", disk.toString(), "EASYTO_VM_BOOT", boot));
            }
        } finally {
            Files.deleteIfExists(disk);
        }
    }

    private void boot(String artifact, String directory, Map<String, String> environment) throws Exception {
        Path scenario = Path.of(directory);
        assertTrue(Files.isDirectory(scenario), scenario + " is missing");
        assumeAvailable();
        requireArtifact(artifact);
        ProcessBuilder builder =
                new ProcessBuilder("sh", HARNESS.toString(), scenario.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("ARTIFACT", artifact);
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        Duration limit = Files.exists(scenario.resolve("expected-output-again")) ? TWO_BOOTS_LIMIT : LIMIT;
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            // SIGTERM lets the harness's trap stop QEMU and the mock and delete its namespace.
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new AssertionError("the VM harness did not finish " + scenario + " within " + limit.toSeconds()
                    + " s; its output:\n" + output.join());
        }
        String text = output.join();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String result = text.lines()
                .filter(line -> line.startsWith("RESULT "))
                .reduce((first, second) -> second)
                .orElse("no RESULT line");
        System.out.printf("%s, harness %d ms%n", result, millis);
        assertEquals(
                0,
                process.exitValue(),
                () -> "harness exit status " + process.exitValue() + " for " + scenario + "; its output:\n" + text);
        assertTrue(result.contains("power-off: yes"), () -> "no power-off observed; the output:\n" + text);
    }

    /**
     * Skips, rather than fails, where no VM can boot: it needs root (a network namespace for the
     * mock, a device node in the initramfs), QEMU and the tools that build the initramfs, and the
     * kernel that {@code fetch-kernel.sh} caches. CI installs all of them ({@code .ci/run}).
     */
    private static void assumeAvailable() {
        HostTools.require("vm", isRoot(), "VM boots need root (network namespace, /dev/console in the initramfs)");
        for (String tool : TOOLS) {
            HostTools.require(
                    "vm",
                    onPath(tool),
                    "VM boots need '" + tool
                            + "' (apt-get install --no-install-recommends qemu-system-x86 cpio kmod busybox-static iproute2 fdisk e2fsprogs)");
        }
        HostTools.require(
                "vm",
                Files.isRegularFile(KERNEL.resolve("release")),
                "VM boots need Debian's kernel in " + KERNEL + " (run: sh src/native-test/vm/fetch-kernel.sh)");
    }

    /**
     * Fails, whatever {@code EASYTO_SKIP} says, when the artifact asked for is not built: a run that
     * asked for the native executable and booted nothing has proven nothing about it.
     */
    private static void requireArtifact(String artifact) throws IOException {
        switch (artifact) {
            case "native" -> TestArtifact.requireNativeBuilt();
            case "jvm-release" -> {
                boolean built;
                try (Stream<Path> files = Files.isDirectory(RELEASE_DIR) ? Files.list(RELEASE_DIR) : Stream.empty()) {
                    built = files.map(file -> file.getFileName().toString())
                            .anyMatch(name -> name.startsWith("easyto-init-jvm-") && name.endsWith(".tar.gz"));
                }
                assertTrue(built, "no JVM release tarball in " + RELEASE_DIR + " (run: make release)");
            }
            default -> {}
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
