package dev.easyto.init.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path dir;

    @Test
    void returnsOnlyWhatItCreatedParentsFirstWithTheExactMode() throws IOException {
        Path existing = Files.createDirectory(dir.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-x---"));
        Path target = existing.resolve("a/b");
        List<Path> created = Directories.createMissing(target, PosixFilePermissions.fromString("rwx------"));
        assertEquals(List.of(existing.resolve("a"), target), created);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)));
        assertEquals(List.of(), Directories.createMissing(target, PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void aFileInTheWayIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(
                IOException.class,
                () -> Directories.createMissing(file.resolve("sub"), PosixFilePermissions.fromString("rwx------")));
        assertThrows(
                NotDirectoryException.class,
                () -> Directories.createMissing(file, PosixFilePermissions.fromString("rwx------")));
    }
}
