package dev.easyto.init.supervise.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.ffm.Ffm;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import dev.easyto.init.supervise.ShutdownGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshInitTest {
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC test@example";
    private static final List<String> ENV = List.of("HOME=/", "TERM=linux");

    @TempDir
    Path dir;

    private Root root;
    private final RecordingOwner owner = new RecordingOwner();
    private final SafeFiles files = new SafeFiles(Ffm.files());
    private final List<SpawnRequest> spawned = new ArrayList<>();
    private int keygenStatus;

    /** Stands in for ssh-keygen: writes the key file it was asked for. */
    private ChildExit runKeygen(SpawnRequest request) {
        spawned.add(request);
        String path = request.argv().get(request.argv().indexOf("-f") + 1);
        try {
            Files.writeString(root.resolve(path), "private key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChildExit(100 + spawned.size(), LinuxConstants.CLD_EXITED, keygenStatus);
    }

    @BeforeEach
    void setUp() throws IOException {
        root = Root.at(dir);
        Files.createDirectories(root.resolve("/etc"));
        Files.createDirectories(root.resolve("/.easyto/etc/ssh"));
        Files.write(
                root.resolve("/etc/passwd"),
                List.of(
                        "root:x:0:0:root:/root:/bin/sh",
                        "cb-ssh:x:401:401:sshd privilege separation:/var/empty:/sbin/nologin",
                        "testuser:x:1000:1001:Test User:/.easyto/home/testuser:/bin/sh"));
        Files.createDirectories(root.resolve("/.easyto/home/testuser"));
    }

    @Test
    void writesTheKeyForTheLoginUserAndMakesHostKeys() throws IOException {
        try (CapturedConsole console = new CapturedConsole()) {
            SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV);
            assertTrue(console.text().startsWith("info: initializing sshd\n"), console.text());
            assertTrue(
                    console.text()
                            .contains(
                                    "info: wrote SSH authorized_keys to /.easyto/home/testuser/.ssh/authorized_keys\n"),
                    console.text());
            assertFalse(console.text().contains("AAAAB3"), "the key stays out of the console");
        }
        Path ssh = root.resolve("/.easyto/home/testuser/.ssh");
        Path authorizedKeys = ssh.resolve("authorized_keys");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(authorizedKeys)));
        // As IMDS returned it: no newline added.
        assertEquals(KEY, Files.readString(authorizedKeys));
        assertEquals(List.of(1000, 1001), ownerOf(ssh));
        assertEquals(List.of(1000, 1001), ownerOf(authorizedKeys));
        // The home directory existed: it is not the service's to hand over.
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/.easyto/home/testuser")));

        assertEquals(2, spawned.size());
        assertEquals(
                List.of("/.easyto/bin/ssh-keygen", "-t", "rsa", "-f", "/.easyto/etc/ssh/ssh_host_rsa_key", "-N", ""),
                spawned.get(0).argv());
        assertEquals("/.easyto/bin/ssh-keygen", spawned.get(0).path());
        assertEquals(
                List.of(
                        "/.easyto/bin/ssh-keygen",
                        "-t",
                        "ed25519",
                        "-f",
                        "/.easyto/etc/ssh/ssh_host_ed25519_key",
                        "-N",
                        ""),
                spawned.get(1).argv());
        for (SpawnRequest request : spawned) {
            assertEquals(0, request.identity().uid());
            assertEquals("/", request.workingDir());
            assertEquals(ENV, request.env());
        }
    }

    /**
     * A workload of an earlier boot made ~/.ssh a link to root's home: nothing goes through it. The
     * home is the user's, so the link is refused whoever owns it (here root, as if renamed there).
     */
    @Test
    void aPlantedSshLinkIsRefusedAndItsTargetLeftAlone() throws IOException {
        Path rootHome = Files.createDirectories(root.resolve("/root"));
        Files.setPosixFilePermissions(rootHome, PosixFilePermissions.fromString("rwx------"));
        Path home = root.resolve("/.easyto/home/testuser");
        Files.setAttribute(home, "unix:uid", 1000);
        Files.setAttribute(home, "unix:gid", 1001);
        Files.createSymbolicLink(home.resolve(".ssh"), rootHome);
        IOException e = assertThrows(
                IOException.class, () -> SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV));
        assertEquals("/.easyto/home/testuser/.ssh is a symbolic link, which the init does not follow", e.getMessage());
        assertEquals(List.of(0, 0), ownerOf(rootHome));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rootHome)));
        assertFalse(Files.exists(rootHome.resolve("authorized_keys")));
    }

    /** A planted authorized_keys link is replaced by the file, never written or chowned through. */
    @Test
    void aPlantedAuthorizedKeysLinkIsReplaced() throws IOException {
        Path shadow = Files.writeString(root.resolve("/etc/shadow"), "root:*:1::::::\n");
        Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-r-----"));
        Path ssh = Files.createDirectories(root.resolve("/.easyto/home/testuser/.ssh"));
        Files.createSymbolicLink(ssh.resolve("authorized_keys"), shadow);
        SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV);
        assertEquals("root:*:1::::::\n", Files.readString(shadow));
        assertEquals(List.of(0, 0), ownerOf(shadow));
        assertFalse(Files.isSymbolicLink(ssh.resolve("authorized_keys")));
        assertEquals(KEY, Files.readString(ssh.resolve("authorized_keys")));
        assertEquals(List.of(1000, 1001), ownerOf(ssh.resolve("authorized_keys")));
    }

    @Test
    void existingHostKeysAreKept() throws IOException {
        Files.writeString(root.resolve(Layout.EASYTO.sshHostKey("rsa")), "old rsa");
        Files.writeString(root.resolve(Layout.EASYTO.sshHostKey("ed25519")), "old ed25519");
        SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV);
        assertTrue(spawned.isEmpty());
        assertEquals("old rsa", Files.readString(root.resolve(Layout.EASYTO.sshHostKey("rsa"))));
    }

    @Test
    void aFailingKeygenDoesNotStopTheService() throws IOException {
        keygenStatus = 1;
        try (CapturedConsole console = new CapturedConsole()) {
            SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV);
            assertTrue(console.text().contains("warning: ssh-keygen -t rsa exited with status 1"), console.text());
        }
        assertEquals(2, spawned.size());
    }

    @Test
    void replacesAnOldKeyAndCreatesAMissingHome() throws IOException {
        Files.delete(root.resolve("/.easyto/home/testuser"));
        Files.createDirectories(root.resolve("/.easyto/home/testuser2"));
        Files.write(
                root.resolve("/etc/passwd"),
                List.of("testuser2:x:1002:1002::/home/testuser2:/bin/sh"),
                StandardOpenOption.APPEND);
        SshInit.run(root, Layout.EASYTO, "old", files, this::runKeygen, ENV);
        SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV);
        assertEquals(KEY, Files.readString(root.resolve("/home/testuser2/.ssh/authorized_keys")));
        // Created by the step (mkdir -p): given to the user.
        assertEquals(List.of(1002, 1002), ownerOf(root.resolve("/home/testuser2")));
    }

    private static List<Object> ownerOf(Path path) throws IOException {
        return List.of(
                Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theLoginUserIsTheFirstDirectory() throws IOException {
        Files.createDirectories(root.resolve("/.easyto/home/alice"));
        Files.writeString(root.resolve("/.easyto/home/aaa-not-a-directory"), "");
        assertEquals("alice", SshInit.loginUser(root, Layout.EASYTO));
    }

    @Test
    void noLoginUser() throws IOException {
        Files.delete(root.resolve("/.easyto/home/testuser"));
        IOException e = assertThrows(
                IOException.class, () -> SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV));
        assertEquals("login user not found", e.getMessage());
        Files.delete(root.resolve("/.easyto/home"));
        e = assertThrows(IOException.class, () -> SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV));
        assertEquals("login user not found", e.getMessage());
    }

    @Test
    void aLoginUserMissingFromPasswd() throws IOException {
        Files.createDirectories(root.resolve("/.easyto/home/alice"));
        IOException e = assertThrows(
                IOException.class, () -> SshInit.run(root, Layout.EASYTO, KEY, files, this::runKeygen, ENV));
        assertEquals("login user alice not found in /etc/passwd", e.getMessage());
    }

    /** ssh is optional: its init failing is a warning, the boot goes on and sshd is not started. */
    @Test
    void aFailedInitStepOnlyWarns() throws Exception {
        Files.delete(root.resolve("/.easyto/home/testuser"));
        Services services = new Services(
                new FakeImdsClient(),
                new Processes(Ffm.processes(), Ffm.signals()),
                new ShutdownGate(),
                root,
                owner,
                new SafeFiles(Ffm.files()),
                Layout.EASYTO,
                Duration.ZERO);
        try (CapturedConsole console = new CapturedConsole()) {
            services.start(root, new EnabledServices(false, Optional.of(KEY)), owner, Duration.ZERO);
            assertTrue(
                    console.text().contains("warning: Optional service ssh failed to start: login user not found\n"),
                    console.text());
        }
    }
}
