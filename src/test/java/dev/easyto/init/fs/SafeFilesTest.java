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
        Files.createDirectories(root.resolve("/home/user"));
    }

    @Test
    void createsOnlyTheMissingDirectoriesWithTheirModeAndOwner() throws IOException {
        List<Path> created = files.createDirectories(root, root.resolve("/home/user/a/b"), DIRECTORY, 1000, 1001);
        assertEquals(List.of(root.resolve("/home/user/a"), root.resolve("/home/user/a/b")), created);
        for (Path path : created) {
            assertEquals("rwxr-x---", mode(path));
            assertEquals(List.of(1000, 1001), ownerOf(path));
        }
        assertEquals(List.of(0, 0), ownerOf(root.resolve("/home/user")));
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

    /** A relative link that stays inside the root is refused as well: a link is never followed. */
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

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static List<Object> ownerOf(Path path) throws IOException {
        return List.of(
                Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS));
    }
}
