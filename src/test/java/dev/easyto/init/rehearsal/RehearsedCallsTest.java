package dev.easyto.init.rehearsal;

import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_TRUNC;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SpawnOptions;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rehearsal's system calls: real under the scratch root, recorded outside it, owners recorded. */
class RehearsedCallsTest {
    @TempDir
    Path scratch;

    private RehearsalLog log() {
        return new RehearsalLog(Root.at(scratch));
    }

    @Test
    void directoriesUnderTheRootAreMadeWithTheirParentsAndOutsideItOnlyRecorded() {
        RehearsalLog log = log();
        RehearsedFiles files = new RehearsedFiles(Ffm.files(), log);
        files.mkdir(scratch.resolve("sys/fs/cgroup").toString(), 0555);
        assertTrue(Files.isDirectory(scratch.resolve("sys/fs/cgroup")));
        String outside = "/nonexistent-rehearsal-test/dir";
        files.mkdir(outside, 0755);
        assertFalse(Files.exists(Path.of(outside)));
        assertEquals(List.of("would make the directory " + outside + " (0755)"), log.actions());
    }

    @Test
    void aSysctlIsRecordedWithItsValueAndNothingIsWritten() {
        RehearsalLog log = log();
        RehearsedFiles files = new RehearsedFiles(Ffm.files(), log);
        byte[] value = "1024".getBytes(StandardCharsets.UTF_8);
        int fd = files.open("/proc/sys/net/core/somaxconn", O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
        assertEquals(4, files.write(fd, value, value.length));
        files.close(fd);
        assertEquals(List.of("would write 1024 to /proc/sys/net/core/somaxconn"), log.actions());
    }

    @Test
    void anOwnerIsRecordedUnderTheNameTheAtomicWriteGivesTheFile() throws IOException {
        RehearsalLog log = log();
        RehearsedFiles files = new RehearsedFiles(Ffm.files(), log);
        Path target = scratch.resolve("srv/config/server.conf");
        Files.createDirectories(target.getParent());
        AtomicFile.write(
                target,
                new byte[] {1},
                PosixFilePermissions.fromString("rw-r--r--"),
                (path, uid, gid) -> files.chown(path.toString(), uid, gid),
                1000,
                1000);
        assertEquals("1000:1000", String.valueOf(log.owner(target)));
        assertTrue(log.actions().isEmpty(), "a chown under the root is no action of its own: " + log.actions());
    }

    /** SafeFiles chowns descriptors: the rehearsal records them under the path they were opened by. */
    @Test
    void ownersSetThroughDescriptorsAreRecordedByPath() throws IOException {
        RehearsalLog log = log();
        SafeFiles safe = new SafeFiles(new RehearsedFiles(Ffm.files(), log));
        Root root = Root.at(scratch);
        Path target = scratch.resolve("home/user/.ssh/authorized_keys");
        safe.createDirectories(root, target.getParent(), PosixFilePermissions.fromString("rwx------"), 1000, 1001);
        safe.write(root, target, out -> out.write('k'), PosixFilePermissions.fromString("rw-r-----"), 1000, 1001);
        assertEquals("1000:1001", String.valueOf(log.owner(target)));
        assertEquals("1000:1001", String.valueOf(log.owner(scratch.resolve("home/user/.ssh"))));
        assertEquals("1000:1001", String.valueOf(log.owner(scratch.resolve("home"))));
        assertEquals("k", Files.readString(target));
        assertTrue(log.actions().isEmpty(), "all of it is under the root: " + log.actions());
    }

    @Test
    void aMountIsSaidAsTheInstanceSeesItAndNotMade() {
        RehearsalLog log = log();
        new RehearsedMounts(log)
                .mount("tmpfs", scratch.resolve(".easyto/run").toString(), "tmpfs", MS_NODEV | MS_NOSUID, "mode=0755");
        assertEquals(List.of("would mount tmpfs at /.easyto/run type tmpfs (nosuid,nodev,mode=0755)"), log.actions());
    }

    @Test
    void aSpawnIsRecordedByArgvAndReapedAsASuccessInOrder() {
        RehearsalLog log = log();
        RehearsedProcesses processes = new RehearsedProcesses(Ffm.processes(), log);
        SpawnOptions options = new SpawnOptions("/", true, true);
        int first = processes.posixSpawn(
                "/.easyto/sbin/modprobe",
                List.of("/.easyto/sbin/modprobe", "br_netfilter"),
                List.of("SECRET=value"),
                options);
        int second = processes.posixSpawn("/.easyto/run/init-0", List.of("/.easyto/run/init-0"), List.of(), options);
        assertEquals(first, processes.waitid(0, 0, 0).pid());
        assertEquals(second, processes.waitid(0, 0, 0).pid());
        SyscallException none = assertThrows(SyscallException.class, () -> processes.waitid(0, 0, 0));
        assertTrue(none.is(Errno.ECHILD));
        assertEquals(
                List.of("would run /.easyto/sbin/modprobe br_netfilter", "would run /.easyto/run/init-0"),
                log.actions());
        assertFalse(String.join("\n", log.actions()).contains("value"), "the environment is never shown");
    }

    @Test
    void theHostnameIsRecordedNotSet() {
        RehearsalLog log = log();
        new RehearsedMachine(log).sethostname("test-host");
        assertEquals(List.of("would set the hostname to test-host"), log.actions());
    }
}
