package dev.easyto.init.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SafeFiles} on the FFM backend against a real directory tree, as root (the tests chown to
 * other users): links planted at the leaf, in the middle, a {@code ..} way out, a file where a
 * directory is expected. Outside the root sits {@code outside/}, root's, which nothing may touch.
 */
class SafeFilesTest {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-x---");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r-----");

    @TempDir
    Path dir;

    private final SafeFiles files = new SafeFiles(Ffm.files());
    private Root root;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        root = Root.at(Files.createDirectory(dir.resolve("root")));
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(outside.resolve("shadow"), "secret");
        Files.setPosixFilePermissions(outside.resolve("shadow"), PosixFilePermissions.fromString("rw-------"));
        // The user's home is the user's, as in an image: links in it can have been planted.
        Files.createDirectories(root.resolve("/home/user"));
        chown(root.resolve("/home/user"), 1000, 1000);
    }

    @Test
    void createsOnlyTheMissingDirectoriesWithTheirModeAndOwner() throws IOException {
        List<Path> created = files.createDirectories(root, root.resolve("/home/user/a/b"), DIRECTORY, 1000, 1001);
        assertEquals(List.of(root.resolve("/home/user/a"), root.resolve("/home/user/a/b")), created);
        for (Path path : created) {
            assertEquals("rwxr-x---", mode(path));
            assertEquals(List.of(1000, 1001), ownerOf(path));
        }
        assertEquals(List.of(1000, 1000), ownerOf(root.resolve("/home/user")));
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/home")));
        assertEquals(List.of(), files.createDirectories(root, root.resolve("/home/user/a/b"), DIRECTORY, 5, 5));
        assertEquals(List.of(1000, 1001), ownerOf(root.resolve("/home/user/a/b")));
    }

    @Test
    void writesAtomicallyWithModeAndOwnerAndLeavesNoTemporaryFile() throws IOException {
        Path target = root.resolve("/home/user/file");
        Files.writeString(target, "old");
        files.write(root, target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)), FILE, 1000, 1001);
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r-----", mode(target));
        assertEquals(List.of(1000, 1001), ownerOf(target));
        try (Stream<Path> entries = Files.list(target.getParent())) {
            assertEquals(List.of(target), entries.toList());
        }
    }

    @Test
    void aFailingContentLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(root.resolve("/home/user/file"), "old");
        IOException e = assertThrows(
                IOException.class,
                () -> files.write(
                        root,
                        target,
                        out -> {
                            out.write(1);
                            throw new IOException("source failed");
                        },
                        FILE,
                        -1,
                        -1));
        assertEquals("source failed", e.getMessage());
        assertEquals("old", Files.readString(target));
        try (Stream<Path> entries = Files.list(target.getParent())) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aLinkAtTheLeafIsReplacedNeverFollowed() throws IOException {
        Path link = root.resolve("/home/user/authorized_keys");
        Files.createSymbolicLink(link, outside.resolve("shadow"));
        files.write(root, link, out -> out.write('k'), FILE, 1000, 1001);
        assertFalse(Files.isSymbolicLink(link));
        assertEquals("k", Files.readString(link));
        assertOutsideUntouched();
    }

    @Test
    void aLinkAtTheLeafDirectoryIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("/home/user/.ssh"), outside);
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> files.setDirectory(root, root.resolve("/home/user/.ssh"), DIRECTORY, 1000, 1001));
        assertEquals("/home/user/.ssh is a symbolic link, which the init does not follow", e.getMessage());
        assertThrows(
                UnsafePathException.class,
                () -> files.createDirectories(root, root.resolve("/home/user/.ssh"), DIRECTORY, 1000, 1001));
        assertThrows(
                UnsafePathException.class,
                () -> files.write(root, root.resolve("/home/user/.ssh/keys"), out -> out.write('k'), FILE, 1000, 1));
        assertOutsideUntouched();
    }

    @Test
    void aLinkInTheMiddleIsRefused() throws IOException {
        Files.createSymbolicLink(root.resolve("/home/user/data"), outside);
        Path below = root.resolve("/home/user/data/new/dir");
        UnsafePathException e = assertThrows(
                UnsafePathException.class, () -> files.createDirectories(root, below, DIRECTORY, 1000, 1001));
        assertEquals("/home/user/data is a symbolic link, which the init does not follow", e.getMessage());
        assertThrows(
                UnsafePathException.class,
                () -> files.write(root, root.resolve("/home/user/data/shadow"), out -> out.write('x'), FILE, 1, 1));
        assertFalse(Files.exists(outside.resolve("new")));
        assertOutsideUntouched();
    }

    /** A relative link that stays inside the root is refused as well where a user could have made it. */
    @Test
    void aRelativeLinkInsideTheRootIsRefusedToo() throws IOException {
        Files.createDirectories(root.resolve("/etc"));
        Files.createSymbolicLink(root.resolve("/home/user/etc"), Path.of("../../etc"));
        assertThrows(
                UnsafePathException.class,
                () -> files.createDirectories(root, root.resolve("/home/user/etc/app"), DIRECTORY, 1000, 1001));
        assertFalse(Files.exists(root.resolve("/etc/app")));
    }

    @Test
    void aWayOutThroughDotDotIsRefused() throws IOException {
        Path escape = root.resolve("/home/user/../../../outside");
        UnsafePathException e =
                assertThrows(UnsafePathException.class, () -> files.setDirectory(root, escape, DIRECTORY, 1000, 1001));
        // The JDK's relativize folds home/user/../.. away; what is left still starts with a way out.
        assertEquals("/.. leaves the root, which the init does not follow", e.getMessage());
        assertThrows(
                UnsafePathException.class,
                () -> files.createDirectories(root, dir.resolve("outside/new"), DIRECTORY, 1000, 1001));
        assertOutsideUntouched();
    }

    /** Debian's {@code /var/run -> ../run}: root's link in root's 0755 directory, the image's. */
    @Test
    void theImagesOwnRelativeLinkIsFollowed() throws IOException {
        Files.createDirectories(root.resolve("/var"));
        Files.createDirectories(root.resolve("/run"));
        Files.createSymbolicLink(root.resolve("/var/run"), Path.of("../run"));
        List<Path> created = files.createDirectories(root, root.resolve("/var/run/app/conf"), DIRECTORY, 1000, 1001);
        assertEquals(List.of(root.resolve("/run/app"), root.resolve("/run/app/conf")), created);
        assertEquals(List.of(1000, 1001), ownerOf(root.resolve("/run/app/conf")));
        files.write(root, root.resolve("/var/run/app/conf/file"), out -> out.write('x'), FILE, 1000, 1001);
        assertEquals("x", Files.readString(root.resolve("/run/app/conf/file")));
        assertTrue(Files.isSymbolicLink(root.resolve("/var/run")));
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/run")));
    }

    /** An absolute target is the image's path: {@code /run} beneath the root, not the host's. */
    @Test
    void anAbsoluteTargetIsTakenFromTheRoot() throws IOException {
        Files.createDirectories(root.resolve("/var"));
        Files.createDirectories(root.resolve("/run"));
        Files.createSymbolicLink(root.resolve("/var/run"), Path.of("/run"));
        files.createDirectories(root, root.resolve("/var/run/easyto-test-app"), DIRECTORY, 1000, 1001);
        assertTrue(Files.isDirectory(root.resolve("/run/easyto-test-app")));
        assertFalse(Files.exists(Path.of("/run/easyto-test-app")));
        // The host path of outside/ as a target names a path under the root, which is not there.
        Files.createSymbolicLink(root.resolve("/var/out"), outside);
        assertThrows(
                NoSuchFileException.class,
                () -> files.write(root, root.resolve("/var/out/shadow"), out -> out.write('x'), FILE, 1, 1));
        assertOutsideUntouched();
    }

    /** {@code ..} in a followed target stops at the root, as in a chroot. */
    @Test
    void dotDotInATargetNeverClimbsAboveTheRoot() throws IOException {
        Files.createDirectories(root.resolve("/opt"));
        Files.createSymbolicLink(root.resolve("/opt/up"), Path.of("../../../../../outside"));
        files.createDirectories(root, root.resolve("/opt/up/new"), DIRECTORY, 1000, 1001);
        assertTrue(Files.isDirectory(root.resolve("/outside/new")));
        assertOutsideUntouched();
    }

    @Test
    void rootsLinkInAWorldWritableDirectoryIsRefused() throws IOException {
        Path tmp = Files.createDirectories(root.resolve("/tmp"));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(tmp, "unix:mode", 01777);
        Files.createDirectories(root.resolve("/etc"));
        Files.createSymbolicLink(root.resolve("/tmp/etc"), Path.of("/etc"));
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> files.createDirectories(root, root.resolve("/tmp/etc/app"), DIRECTORY, 1000, 1001));
        assertEquals("/tmp/etc is a symbolic link, which the init does not follow", e.getMessage());
        assertFalse(Files.exists(root.resolve("/etc/app")));
    }

    @Test
    void rootsLinkInAUsersDirectoryIsRefused() throws IOException {
        Files.createDirectories(root.resolve("/etc"));
        Files.createSymbolicLink(root.resolve("/home/user/.ssh"), Path.of("/etc"));
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> files.write(root, root.resolve("/home/user/.ssh/keys"), out -> out.write('k'), FILE, 1000, 1));
        assertEquals("/home/user/.ssh is a symbolic link, which the init does not follow", e.getMessage());
        assertFalse(Files.exists(root.resolve("/etc/keys")));
    }

    @Test
    void aUsersLinkInRootsDirectoryIsRefused() throws IOException {
        Files.createDirectories(root.resolve("/srv"));
        Files.createDirectories(root.resolve("/etc"));
        Path link = Files.createSymbolicLink(root.resolve("/srv/app"), Path.of("/etc"));
        Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> files.setDirectory(root, root.resolve("/srv/app"), DIRECTORY, 1000, 1001));
        assertEquals("/srv/app is a symbolic link, which the init does not follow", e.getMessage());
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/etc")));
    }

    @Test
    void aLinkLoopIsRefused() throws IOException {
        Files.createDirectories(root.resolve("/loop"));
        Files.createSymbolicLink(root.resolve("/loop/a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("/loop/b"), Path.of("/loop/a"));
        UnsafePathException e = assertThrows(
                UnsafePathException.class,
                () -> files.createDirectories(root, root.resolve("/loop/a/x"), DIRECTORY, 1000, 1001));
        assertEquals("/loop/a is one symbolic link too many: more than 40 on the way (a loop?)", e.getMessage());
    }

    @Test
    void aFileWhereADirectoryIsExpectedIsRefused() throws IOException {
        Files.writeString(root.resolve("/home/user/.ssh"), "a file");
        NotDirectoryException e = assertThrows(
                NotDirectoryException.class,
                () -> files.createDirectories(root, root.resolve("/home/user/.ssh"), DIRECTORY, 1000, 1001));
        assertEquals("/home/user/.ssh", e.getMessage());
        assertThrows(
                NotDirectoryException.class,
                () -> files.write(root, root.resolve("/home/user/.ssh/keys"), out -> out.write('k'), FILE, 1, 1));
        assertEquals("a file", Files.readString(root.resolve("/home/user/.ssh")));
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/home/user/.ssh")));
    }

    @Test
    void aDirectoryAtTheTargetIsNotReplaced() throws IOException {
        Path target = Files.createDirectory(root.resolve("/home/user/authorized_keys"));
        assertThrows(IOException.class, () -> files.write(root, target, out -> out.write('k'), FILE, 1000, 1001));
        assertTrue(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS));
        try (Stream<Path> entries = Files.list(target.getParent())) {
            assertEquals(List.of(target), entries.toList());
        }
    }

    @Test
    void modeBits() {
        assertEquals(0640, SafeFiles.bits(FILE));
        assertEquals(0750, SafeFiles.bits(DIRECTORY));
        assertEquals(07 | 070 | 0700, SafeFiles.bits(PosixFilePermissions.fromString("rwxrwxrwx")));
    }

    private void assertOutsideUntouched() throws IOException {
        assertEquals("secret", Files.readString(outside.resolve("shadow")));
        assertEquals("rw-------", mode(outside.resolve("shadow")));
        assertEquals(List.of(0, 0), ownerOf(outside.resolve("shadow")));
        assertEquals("rwx------", mode(outside));
        assertEquals(List.of(0, 0), ownerOf(outside));
        try (Stream<Path> entries = Files.list(outside)) {
            assertEquals(List.of(outside.resolve("shadow")), entries.toList());
        }
    }

    private static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<Object> ownerOf(Path path) throws IOException {
        return List.of(
                Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
}
