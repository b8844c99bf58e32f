package dev.easyto.init.rehearsal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputWatchTest {
    @TempDir
    Path dir;

    @Test
    void anEditIsSeenOnceAndANewFileInAWatchedDirectoryToo() throws IOException {
        Path userData = Files.writeString(dir.resolve("user-data.yaml"), "env: []\n");
        Path scenario = Files.createDirectories(dir.resolve("scenario"));
        InputWatch watch = new InputWatch(List.of(userData, scenario));
        assertFalse(watch.changed());
        Files.writeString(userData, "env:\n  - name: A\n    value: b\n");
        assertTrue(watch.changed());
        assertFalse(watch.changed(), "one change is reported once");
        Files.writeString(scenario.resolve("metadata.json"), "{}");
        assertTrue(watch.changed());
    }
}
