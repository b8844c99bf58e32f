package dev.easyto.init.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.ffm.Ffm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials. The thread-only calls run on a dedicated thread, whose credentials die with it; the
 * process-wide ones are only tried with values that change nothing or that the kernel rejects.
 */
class CredentialsTest {
    static final long NOBODY = 65534;
    static final String SELF = "/proc/self/status";
    static final String THREAD = "/proc/thread-self/status";

    final ProcessCalls processCalls = Ffm.processes();

    @TempDir
    Path dir;

    @BeforeEach
    void root() {
        HostTools.require("root", Proc.isRoot(), "changing credentials needs root");
    }

    @Test
    void threadSetresgidChangesOnlyTheCallingThread() throws Exception {
        String processGid = Proc.status(SELF, "Gid");
        DedicatedThread.run(() -> {
            String before = Proc.status(THREAD, "Gid");
            processCalls.threadSetresgid(-1, NOBODY, -1);
            // Real, effective, saved and filesystem gid: the filesystem gid follows the effective one.
            String[] ids = before.split(" ", -1);
            assertEquals(ids[0] + " 65534 " + ids[2] + " 65534", Proc.status(THREAD, "Gid"));
            assertEquals(processGid, Proc.status(SELF, "Gid"), "the main thread's gid changed");
            processCalls.threadSetresgid(-1, Long.parseLong(ids[1]), -1);
            assertEquals(before, Proc.status(THREAD, "Gid"));
        });
        assertEquals(processGid, Proc.status(THREAD, "Gid"), "the test thread's gid changed");
    }

    @Test
    void childSpawnedAfterThreadChangesRunsAsThatUserForGood() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path out = dir.resolve("out");
        String script = "id -u; id -g; grep -E '^(Uid|Gid|Groups):' /proc/$$/status";
        String[] process = {Proc.status(SELF, "Uid"), Proc.status(SELF, "Gid"), Proc.status(SELF, "Groups")};
        String printed = DedicatedThread.call(() -> {
            String uid = Proc.status(THREAD, "Uid");
            String gid = Proc.status(THREAD, "Gid");
            String groups = Proc.status(THREAD, "Groups");
            processCalls.threadSetgroups(new long[0]);
            processCalls.threadSetresgid(NOBODY, NOBODY, 0);
            processCalls.threadSetresuid(NOBODY, NOBODY, 0);
            assertEquals("65534 65534 0 65534", Proc.status(THREAD, "Uid"));
            String output = Children.output(script, out, SpawnOptions.DEFAULT);
            // The saved uid 0 lets the thread become root again.
            processCalls.threadSetresuid(0, 0, 0);
            processCalls.threadSetresgid(0, 0, 0);
            processCalls.threadSetgroups(
                    groups.isEmpty()
                            ? new long[0]
                            : Arrays.stream(groups.split(" "))
                                    .mapToLong(Long::parseLong)
                                    .toArray());
            assertEquals(uid, Proc.status(THREAD, "Uid"));
            assertEquals(gid, Proc.status(THREAD, "Gid"));
            assertEquals(groups, Proc.status(THREAD, "Groups"));
            return output;
        });
        // execve made the saved ids the effective ones, so the child cannot return to root.
        assertEquals(
                "65534\n65534\nUid:\t65534\t65534\t65534\t65534\nGid:\t65534\t65534\t65534\t65534\nGroups:\t\n",
                printed.replace("Groups:\t \n", "Groups:\t\n"));
        assertEquals(process[0], Proc.status(SELF, "Uid"));
        assertEquals(process[1], Proc.status(SELF, "Gid"));
        assertEquals(process[2], Proc.status(SELF, "Groups"));
    }

    @Test
    void threadThatDroppedEverythingCannotReturn() throws Exception {
        DedicatedThread.run(() -> {
            processCalls.threadSetresgid(NOBODY, NOBODY, NOBODY);
            processCalls.threadSetresuid(NOBODY, NOBODY, NOBODY);
            SyscallException uid = assertThrows(SyscallException.class, () -> processCalls.threadSetresuid(0, 0, 0));
            assertEquals("setresuid(0, 0, 0): EPERM (Operation not permitted)", uid.getMessage());
            SyscallException gid = assertThrows(SyscallException.class, () -> processCalls.threadSetresgid(-1, 0, -1));
            assertEquals("setresgid(-1, 0, -1): EPERM (Operation not permitted)", gid.getMessage());
            SyscallException groups =
                    assertThrows(SyscallException.class, () -> processCalls.threadSetgroups(new long[] {0}));
            assertEquals("setgroups([0]): EPERM (Operation not permitted)", groups.getMessage());
        });
        assertEquals("0 0 0 0", Proc.status(SELF, "Uid"));
    }

    @Test
    void threadCallsRejectInvalidIds() throws Exception {
        DedicatedThread.run(() -> {
            SyscallException groups =
                    assertThrows(SyscallException.class, () -> processCalls.threadSetgroups(new long[] {-1}));
            assertEquals("setgroups([-1]): EINVAL (Invalid argument)", groups.getMessage());
            assertThrows(IllegalArgumentException.class, () -> processCalls.threadSetresuid(-2, -1, -1));
            assertThrows(IllegalArgumentException.class, () -> processCalls.threadSetresgid(1L << 32, -1, -1));
        });
    }

    @Test
    void processWideCallsWithTheCurrentIdsChangeNothing() {
        String uid = Proc.status(THREAD, "Uid");
        String gid = Proc.status(THREAD, "Gid");
        String groups = Proc.status(THREAD, "Groups");
        processCalls.setgroups(
                groups.isEmpty()
                        ? new long[0]
                        : Arrays.stream(groups.split(" "))
                                .mapToLong(Long::parseLong)
                                .toArray());
        processCalls.setgid(Long.parseLong(gid.split(" ", -1)[0]));
        processCalls.setuid(Long.parseLong(uid.split(" ", -1)[0]));
        assertEquals(uid, Proc.status(THREAD, "Uid"));
        assertEquals(gid, Proc.status(THREAD, "Gid"));
        assertEquals(groups, Proc.status(THREAD, "Groups"));
    }

    @Test
    void processWideCallsRejectInvalidIds() {
        // (uid_t) -1 is no user: the kernel refuses it in every thread before changing anything.
        SyscallException uid = assertThrows(SyscallException.class, () -> processCalls.setuid(-1));
        assertEquals("setuid(-1): EINVAL (Invalid argument)", uid.getMessage());
        SyscallException gid = assertThrows(SyscallException.class, () -> processCalls.setgid(0xFFFF_FFFFL));
        assertEquals("setgid(4294967295): EINVAL (Invalid argument)", gid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> processCalls.setuid(1L << 32));
        assertEquals("0 0 0 0", Proc.status(SELF, "Uid"));
    }
}
