package dev.easyto.init.linux;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.linux.LinuxConstants.CLONE_NEWNET;
import static dev.easyto.init.linux.LinuxConstants.CLONE_NEWUTS;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setns: joining a namespace, on a thread of its own so the test runner's threads stay put. */
class NamespaceTest {
    final Linux linux = FfmLinux.instance();

    @TempDir
    Path dir;

    @Test
    void errors() throws IOException {
        SyscallException badFd = assertThrows(SyscallException.class, () -> linux.setns(-1, CLONE_NEWNET));
        assertEquals("setns(-1, 0x40000000): EBADF (Bad file descriptor)", badFd.getMessage());
        Path file = Files.writeString(dir.resolve("not-a-namespace"), "");
        int fd = linux.open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        try {
            SyscallException notNamespace = assertThrows(SyscallException.class, () -> linux.setns(fd, CLONE_NEWNET));
            assertEquals("setns(" + fd + ", 0x40000000): EINVAL (Invalid argument)", notNamespace.getMessage());
        } finally {
            linux.close(fd);
        }
    }

    @Test
    void joinsTheNamespaceItIsGiven() throws Exception {
        assumeTrue(isRoot(), "setns needs CAP_SYS_ADMIN");
        DedicatedThread.run(() -> {
            int fd = linux.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC, 0);
            try {
                // Joining the namespace the thread is already in is allowed; the type must match.
                linux.setns(fd, CLONE_NEWNET);
                linux.setns(fd, 0);
                SyscallException wrongType = assertThrows(SyscallException.class, () -> linux.setns(fd, CLONE_NEWUTS));
                assertEquals("setns(" + fd + ", 0x4000000): EINVAL (Invalid argument)", wrongType.getMessage());
            } finally {
                linux.close(fd);
            }
        });
    }
}
