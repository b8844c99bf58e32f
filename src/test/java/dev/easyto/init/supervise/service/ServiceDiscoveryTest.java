package dev.easyto.init.supervise.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.aws.ImdsException;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDiscoveryTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ test@example";

    @TempDir
    Path dir;

    private Root root;
    private final FakeImdsClient imds = new FakeImdsClient();

    @BeforeEach
    void setUp() {
        root = Root.at(dir);
        imds.metadata(ServiceDiscovery.SSH_KEY, KEY);
    }

    private void markers(String... names) throws IOException {
        Path services = root.resolve(Layout.EASYTO.services());
        Files.createDirectories(services);
        for (String name : names) {
            Files.createFile(services.resolve(name));
        }
    }

    @Test
    void noDirectoryMeansNoServices() {
        assertEquals(EnabledServices.NONE, ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
    }

    @Test
    void emptyDirectoryMeansNoServices() throws IOException {
        markers();
        assertEquals(EnabledServices.NONE, ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
    }

    @Test
    void markersEnableChronyAndSshWithTheInstanceKey() throws IOException {
        markers("chrony", "ssh");
        assertEquals(
                new EnabledServices(true, Optional.of(KEY)),
                ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
    }

    @Test
    void onlyMarkedServicesRun() throws IOException {
        markers("ssh");
        assertEquals(
                new EnabledServices(false, Optional.of(KEY)),
                ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
        Files.delete(root.resolve(Layout.EASYTO.services() + "/ssh"));
        markers("chrony");
        assertEquals(
                new EnabledServices(true, Optional.empty()),
                ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
    }

    @Test
    void disableServicesSkipsThem() throws IOException {
        markers("chrony", "ssh");
        try (CapturedConsole console = new CapturedConsole()) {
            assertEquals(
                    EnabledServices.NONE,
                    ServiceDiscovery.discover(root, Layout.EASYTO, List.of("ssh", "chrony"), imds));
            assertTrue(console.text().contains("info: Disabling service chrony\n"), console.text());
            assertTrue(console.text().contains("info: Disabling service ssh\n"), console.text());
        }
    }

    @Test
    void aDisabledSshIsNotEvenProbed() throws IOException {
        markers("chrony", "ssh");
        imds.failWith(new ConnectException("IMDS unreachable"));
        assertEquals(
                new EnabledServices(true, Optional.empty()),
                ServiceDiscovery.discover(root, Layout.EASYTO, List.of("ssh"), imds));
    }

    @Test
    void unknownServicesWarn() throws IOException {
        markers("chrony", "ntpd");
        try (CapturedConsole console = new CapturedConsole()) {
            assertEquals(
                    new EnabledServices(true, Optional.empty()),
                    ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
            assertTrue(console.text().contains("warning: Unknown service ntpd\n"), console.text());
        }
    }

    @Test
    void sshWithoutAKeyIsDisabled() throws IOException {
        markers("chrony", "ssh");
        imds.reset();
        try (CapturedConsole console = new CapturedConsole()) {
            assertEquals(
                    new EnabledServices(true, Optional.empty()),
                    ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
            assertTrue(
                    console.text().contains("info: Disabling service ssh as no public key was assigned\n"),
                    console.text());
        }
    }

    /** Upstream's current release: another IMDS failure costs the services, not the boot. */
    @Test
    void otherImdsFailuresMeanNoServices() throws IOException {
        markers("chrony", "ssh");
        imds.failWith(new ImdsException("/latest/meta-data/" + ServiceDiscovery.SSH_KEY, 500));
        try (CapturedConsole console = new CapturedConsole()) {
            assertEquals(EnabledServices.NONE, ServiceDiscovery.discover(root, Layout.EASYTO, List.of(), imds));
            assertTrue(console.text().contains("warning: failed to discover services: "), console.text());
        }
    }

    @Test
    void theKeyStaysOutOfToString() {
        assertTrue(!new EnabledServices(true, Optional.of(KEY)).toString().contains("AAAA"));
    }
}
