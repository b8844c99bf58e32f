package dev.easyto.init.supervise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
    @TempDir
    Path dir;

    Path stat(String comm, long flags) throws IOException {
        return Files.writeString(
                dir.resolve("stat"),
                "1234 (" + comm + ") S 1 1234 1234 0 -1 " + flags + " 100 0 0 0 0 0 0 0 20 0 1 0\n");
    }

    @Test
    void kernelThreadsAreRecognisedByFlagEvenWithAHostileName() throws IOException {
        assertTrue(ProcessTable.isKernelThread(stat("kworker/0:1", 0x00208040L)));
        assertFalse(ProcessTable.isKernelThread(stat("evil) S 1 1 1 0 -1 2097152 (", 0x00400100L)));
        assertFalse(ProcessTable.isKernelThread(stat("sh", 0x00400000L)));
    }

    @Test
    void aVanishedProcessIsNotWaitedFor() {
        assertTrue(ProcessTable.isKernelThread(dir.resolve("missing")));
    }

    @Test
    void thisJvmIsAProcessAndNotAKernelThread() {
        assertFalse(ProcessTable.isKernelThread(Path.of("/proc/self/stat")));
    }
}
