package dev.easyto.init.vm;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.HostTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test layer 3: the init as PID 1 of a QEMU machine (TCG) with Debian's kernel, booted by {@code
 * src/native-test/vm/run-vm.sh}, for what only a real boot shows: the serial console, kernel
 * modules, the ACPI power button and a real power-off. Each boot takes tens of seconds under TCG,
 * so only these scenarios run here; the sandbox covers the rest.
 */
class VmBootIT {
    private static final Path HARNESS = Path.of("src/native-test/vm/run-vm.sh");

    private static final Path KERNEL =
            Path.of(System.getenv().getOrDefault("EASYTO_VM_KERNEL", "/var/cache/easyto-init/vm-kernel"));

    /** The harness's own 300 s limit per boot, plus building the initramfs and the cleanup. */
    private static final Duration LIMIT = Duration.ofMinutes(7);

    private static final List<String> TOOLS =
            List.of("qemu-system-x86_64", "cpio", "kmod", "depmod", "modprobe", "busybox", "ip");

    static List<String> scenarios() {
        return List.of(
                "src/test/scenarios/basic-boot",
                "src/test/scenarios/kernel-modules",
                "src/native-test/vm/scenarios/vm-power-button");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bootsPassesAndPowersOff(String directory) throws Exception {
        Path scenario = Path.of(directory);
        assertTrue(Files.isDirectory(scenario), scenario + " is missing");
        assumeAvailable();
        ProcessBuilder builder =
                new ProcessBuilder("sh", HARNESS.toString(), scenario.toString()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long started = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            // SIGTERM lets the harness's trap stop QEMU and the mock and delete its namespace.
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new AssertionError("the VM harness did not finish " + scenario + " within " + LIMIT.toSeconds()
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
                            + "' (apt-get install --no-install-recommends qemu-system-x86 cpio kmod busybox-static iproute2)");
        }
        HostTools.require(
                "vm",
                Files.isRegularFile(KERNEL.resolve("release")),
                "VM boots need Debian's kernel in " + KERNEL + " (run: sh src/native-test/vm/fetch-kernel.sh)");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
