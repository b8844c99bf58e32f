package dev.easyto.init.supervise.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ffm.Ffm;
import dev.easyto.init.process.Processes;
import dev.easyto.init.supervise.HandOverFailure;
import dev.easyto.init.supervise.ShutdownGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChronyInitTest {
    @TempDir
    Path dir;

    private Root root;
    private final RecordingOwner owner = new RecordingOwner();

    @BeforeEach
    void setUp() throws IOException {
        root = Root.at(dir);
        Files.createDirectories(root.resolve("/etc"));
        Files.createDirectories(root.resolve("/.easyto/run"));
    }

    private void passwd(String... lines) throws IOException {
        Files.write(root.resolve("/etc/passwd"), List.of(lines));
    }

    private void group(String... lines) throws IOException {
        Files.write(root.resolve("/etc/group"), List.of(lines));
    }

    @Test
    void makesTheRunDirectoryForTheChronyUser() throws IOException {
        passwd("root:x:0:0:root:/root:/bin/sh", "cb-chrony:x:400:399:chrony:/var/lib/chrony:/sbin/nologin");
        group("root:x:0:", "cb-chrony:x:410:");
        try (CapturedConsole console = new CapturedConsole()) {
            ChronyInit.run(root, Layout.EASYTO, owner);
            assertTrue(console.text().contains("info: initializing chrony\n"), console.text());
        }
        Path run = root.resolve(Layout.EASYTO.chronyRun());
        assertTrue(Files.isDirectory(run));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
        // The group comes from /etc/group, not from the passwd entry.
        assertEquals(Map.of(run, List.of(400L, 410L)), owner.owners);
    }

    @Test
    void withoutAGroupTheGidIsTheUid() throws IOException {
        passwd("cb-chrony:x:400:399:chrony:/var/lib/chrony:/sbin/nologin");
        group("root:x:0:");
        ChronyInit.run(root, Layout.EASYTO, owner);
        assertEquals(List.of(400L, 400L), owner.owners.get(root.resolve(Layout.EASYTO.chronyRun())));
    }

    @Test
    void anOddLineElsewhereDoesNotMatter() throws IOException {
        passwd("broken line", "other:x:abc:0::/:/bin/sh", "cb-chrony:x:400:400:chrony:/var/lib/chrony:/sbin/nologin");
        ChronyInit.run(root, Layout.EASYTO, owner);
        assertEquals(List.of(400L, 400L), owner.owners.get(root.resolve(Layout.EASYTO.chronyRun())));
    }

    @Test
    void anExistingDirectoryGetsTheModeAndOwnerToo() throws IOException {
        passwd("cb-chrony:x:400:400:chrony:/var/lib/chrony:/sbin/nologin");
        Path run = Files.createDirectories(root.resolve(Layout.EASYTO.chronyRun()));
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxrwxrwx"));
        ChronyInit.run(root, Layout.EASYTO, owner);
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(run)));
        assertEquals(List.of(400L, 400L), owner.owners.get(run));
    }

    @Test
    void aMissingUserFails() throws IOException {
        passwd("root:x:0:0:root:/root:/bin/sh");
        IOException e = assertThrows(IOException.class, () -> ChronyInit.run(root, Layout.EASYTO, owner));
        assertEquals("user cb-chrony not found in /etc/passwd", e.getMessage());
    }

    /** chrony is required: its init failing stops the boot, before anything is spawned. */
    @Test
    void aFailedInitStepIsAHandOverFailure() throws IOException {
        passwd("root:x:0:0:root:/root:/bin/sh");
        Services services = new Services(
                new FakeImdsClient(),
                new Processes(Ffm.processes(), Ffm.signals()),
                new ShutdownGate(),
                root,
                owner,
                new SafeFiles(Ffm.files()),
                Layout.EASYTO,
                Duration.ZERO);
        HandOverFailure failure = assertThrows(
                HandOverFailure.class,
                () -> services.start(root, new EnabledServices(true, Optional.empty()), owner, Duration.ZERO));
        assertEquals("unable to initialize chrony: user cb-chrony not found in /etc/passwd", failure.getMessage());
    }
}
