package dev.easyto.init.linux;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.linux.LinuxConstants.CLONE_NEWNET;
import static dev.easyto.init.linux.LinuxConstants.CLONE_NEWUTS;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setns: joining a namespace, on a thread of its own so the test runner's threads stay put. */
class NamespaceTest {
    final FileCalls fileCalls = Ffm.files();
    final ProcessCalls processCalls = Ffm.processes();

    @TempDir
    Path dir;

    @Test
    void errors() throws IOException {
        SyscallException badFd = assertThrows(SyscallException.class, () -> processCalls.setns(-1, CLONE_NEWNET));
        assertEquals("setns(-1, 0x40000000): EBADF (Bad file descriptor)", badFd.getMessage());
        Path file = Files.writeString(dir.resolve("not-a-namespace"), "");
        int fd = fileCalls.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        try {
            SyscallException notNamespace =
                    assertThrows(SyscallException.class, () -> processCalls.setns(fd, CLONE_NEWNET));
            assertEquals("setns(" + fd + ", 0x40000000): EINVAL (Invalid argument)", notNamespace.getMessage());
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void joinsTheNamespaceItIsGiven() throws Exception {
        HostTools.require("root", isRoot(), "setns needs CAP_SYS_ADMIN");
        DedicatedThread.run(() -> {
            int fd = fileCalls.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            try {
                // Joining the namespace the thread is already in is allowed; the type must match.
                processCalls.setns(fd, CLONE_NEWNET);
                processCalls.setns(fd, 0);
                SyscallException wrongType =
                        assertThrows(SyscallException.class, () -> processCalls.setns(fd, CLONE_NEWUTS));
                assertEquals("setns(" + fd + ", 0x4000000): EINVAL (Invalid argument)", wrongType.getMessage());
            } finally {
                fileCalls.close(fd);
            }
        });
    }
}
