package dev.easyto.init.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What can be seen of an atomic write without a power cut: the content and mode, no temporary file
 * left, and that syncing the directory works here (a directory opened for fsync), since every
 * write now does it and a failure there would fail them all. Whether the data survives a power
 * cut only a machine that loses power can show.
 */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileWithItsModeAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("authorized_keys");
        Files.writeString(target, "old");
        byte[] content = "ssh-ed25519 AAAA test\n".getBytes(StandardCharsets.UTF_8);

        AtomicFile.write(target, content, "rw-------");

        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (var entries = Files.list(dir)) {
            assertEquals(List.of(target), entries.toList());
        }
    }

    @Test
    void aDirectoryCanBeSynced() throws IOException {
        AtomicFile.syncDirectory(dir);
    }
}
