package dev.easyto.init.net;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.HostTools.onPath;
import static dev.easyto.init.linux.LinuxConstants.CLONE_NEWNET;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Two network namespaces made with iproute2, an "instance" and a "VPC" with dnsmasq, for tests of
 * the real rtnetlink and DHCP code. Code runs in the instance's namespace on a thread of its own
 * ({@code setns} moves only the calling thread), so the test runner's threads never leave theirs.
 */
final class NetnsFixture implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    final String instance;
    final String vpc;
    final Path dir;
    private final List<Process> daemons = new ArrayList<>();

    private NetnsFixture(Path dir) throws IOException, InterruptedException {
        String id = "easyto-nt-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        this.instance = id + "-i";
        this.vpc = id + "-v";
        this.dir = dir;
        run("ip", "netns", "add", instance);
        run("ip", "netns", "add", vpc);
        run("ip", "-n", vpc, "link", "set", "lo", "up");
    }

    /** The test must be able to make namespaces (root) and have iproute2 and dnsmasq. */
    static void assumeAvailable() {
        HostTools.require("root", isRoot(), "network namespace tests need root");
        HostTools.require("root", onPath("ip"), "network namespace tests need iproute2 (apt-get install iproute2)");
        HostTools.require("root", onPath("dnsmasq"), "DHCP tests need dnsmasq (apt-get install dnsmasq-base)");
    }

    static NetnsFixture create(Path dir) throws IOException, InterruptedException {
        return new NetnsFixture(dir);
    }

    /** A veth pair: {@code name} with {@code mac} in the instance, {@code peer} up in the VPC with {@code address}. */
    void nic(String name, String mac, String peer, String address) throws IOException, InterruptedException {
        run(
                "ip", "-n", instance, "link", "add", name, "address", mac, "type", "veth", "peer", "name", peer,
                "netns", vpc);
        run("ip", "-n", vpc, "link", "set", peer, "up");
        if (address != null) {
            run("ip", "-n", vpc, "addr", "add", address, "dev", peer);
        }
    }

    /** dnsmasq as the harness runs it, DHCP only, with the given interface and range options. */
    void dnsmasq(String... options) throws IOException, InterruptedException {
        Path log = dir.resolve("dnsmasq.log");
        Path pid = dir.resolve("dnsmasq.pid");
        List<String> command = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                vpc,
                "dnsmasq",
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--port=0",
                "--bind-interfaces",
                "--user=root",
                "--group=root",
                "--no-ping",
                "--dhcp-authoritative",
                "--log-dhcp",
                "--log-facility=" + log,
                "--pid-file=" + pid,
                "--dhcp-leasefile=" + dir.resolve("dnsmasq.leases")));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dnsmasq.out").toFile())
                .start();
        daemons.add(process);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(pid) || Files.size(pid) == 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "dnsmasq did not start: " + Files.readString(dir.resolve("dnsmasq.out")));
            }
            Thread.sleep(10);
        }
    }

    /** iproute2 in the instance's namespace, its output. */
    String ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", instance));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    /** Runs {@code body} on a new thread inside the instance's namespace. */
    <T> T inInstance(Callable<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-" + instance).start(() -> {
            FileCalls fileCalls = Ffm.files();
            ProcessCalls processCalls = Ffm.processes();
            try {
                int fd = fileCalls.open("/run/netns/" + instance, O_RDONLY | O_CLOEXEC, 0);
                try {
                    processCalls.setns(fd, CLONE_NEWNET);
                } finally {
                    fileCalls.close(fd);
                }
                result.set(body.call());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        thread.join();
        Throwable e = failure.get();
        if (e instanceof Exception exception) {
            throw exception;
        }
        if (e instanceof Error error) {
            throw error;
        }
        return result.get();
    }

    /** For failure messages: what dnsmasq logged, or why there is nothing to show. */
    String dnsmasqLog() {
        try {
            return Files.readString(dir.resolve("dnsmasq.log"));
        } catch (IOException e) {
            return "(no dnsmasq log: " + e + ")";
        }
    }

    @Override
    public void close() {
        for (Process daemon : daemons) {
            daemon.destroy();
            try {
                if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                }
            } catch (InterruptedException e) {
                daemon.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        runQuietly("ip", "netns", "delete", instance);
        runQuietly("ip", "netns", "delete", vpc);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IOException e) {
            // Cleanup of what may never have been made.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
