package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.MNT_DETACH;
import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_REMOUNT;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_CREAT;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mounts, hostname and reboot. Mounts only go on a temporary directory; the hostname and reboot
 * calls only get arguments the kernel refuses before changing anything. Without the capability a
 * call needs, the kernel answers EPERM first, which is what the error tests then expect.
 */
class MountTest {
    final FileCalls fileCalls = Ffm.files();
    final MountCalls mountCalls = Ffm.mounts();
    final MachineCalls machineCalls = Ffm.machine();

    @TempDir
    Path dir;

    @Test
    void tmpfsMountRemountAndUnmount() throws IOException {
        HostTools.require("root", Proc.hasCapability(Proc.CAP_SYS_ADMIN), "mounting needs CAP_SYS_ADMIN");
        Path target = Files.createDirectory(dir.resolve("mnt"));
        String path = target.toString();
        mountCalls.mount("easyto-test", path, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0700");
        try {
            String[] mount = mountInfo(path).orElseThrow();
            assertEquals("tmpfs", mount[1]);
            assertEquals("easyto-test", mount[2]);
            assertTrue(mount[0].startsWith("rw,nosuid,nodev"), mount[0]);
            Files.writeString(target.resolve("file"), "in tmpfs");

            // Null source, type and data, as a remount passes them.
            mountCalls.mount(null, path, null, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, null);
            assertTrue(mountInfo(path).orElseThrow()[0].startsWith("ro,"));
            SyscallException readOnly = assertThrows(
                    SyscallException.class,
                    () -> fileCalls.open(target.resolve("new").toString(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
            assertTrue(readOnly.is(Errno.EROFS), readOnly.getMessage());

            mountCalls.umount2(path, 0);
            assertFalse(mountInfo(path).isPresent());
            assertFalse(Files.exists(target.resolve("file")));
        } finally {
            if (mountInfo(path).isPresent()) {
                mountCalls.umount2(path, MNT_DETACH);
            }
        }
    }

    @Test
    void mountErrors() {
        Path missing = dir.resolve("missing");
        SyscallException noTarget = assertThrows(
                SyscallException.class, () -> mountCalls.mount("none", missing.toString(), "tmpfs", 0, null));
        assertEquals("mount", noTarget.call());
        if (Proc.hasCapability(Proc.CAP_SYS_ADMIN)) {
            assertEquals(
                    "mount(\"none\", \"" + missing + "\"): ENOENT (No such file or directory)", noTarget.getMessage());
        } else {
            // The kernel looks the target up first, but a container's seccomp filter refuses earlier.
            assertTrue(noTarget.is(Errno.ENOENT) || noTarget.is(Errno.EPERM), noTarget.getMessage());
        }

        SyscallException noType = assertThrows(
                SyscallException.class, () -> mountCalls.mount("none", dir.toString(), "nosuchfs", 0, null));
        assertEquals(
                Proc.hasCapability(Proc.CAP_SYS_ADMIN) ? Errno.ENODEV : Errno.EPERM,
                noType.errno(),
                noType.getMessage());
    }

    @Test
    void umountOfADirectoryThatIsNoMountPoint() {
        SyscallException e = assertThrows(SyscallException.class, () -> mountCalls.umount2(dir.toString(), 0));
        String expected = Proc.hasCapability(Proc.CAP_SYS_ADMIN)
                ? "EINVAL (Invalid argument)"
                : "EPERM (Operation not permitted)";
        assertEquals("umount2(\"" + dir + "\", 0x0): " + expected, e.getMessage());
    }

    @Test
    void sethostnameRefusesNamesLongerThan64Bytes() {
        String name = "h".repeat(65);
        SyscallException e = assertThrows(SyscallException.class, () -> machineCalls.sethostname(name));
        String expected = Proc.hasCapability(Proc.CAP_SYS_ADMIN)
                ? "EINVAL (Invalid argument)"
                : "EPERM (Operation not permitted)";
        assertEquals("sethostname(\"" + name + "\"): " + expected, e.getMessage());
    }

    /**
     * 0xdeadbeef is no reboot command. 0, which might look invalid, is LINUX_REBOOT_CMD_CAD_OFF: it
     * succeeds and changes what Ctrl-Alt-Del does on the host.
     */
    @Test
    void rebootRefusesAnUnknownCommand() {
        SyscallException e = assertThrows(SyscallException.class, () -> machineCalls.reboot(0xdeadbeef));
        String expected =
                Proc.hasCapability(Proc.CAP_SYS_BOOT) ? "EINVAL (Invalid argument)" : "EPERM (Operation not permitted)";
        assertEquals("reboot(0xdeadbeef): " + expected, e.getMessage());
    }

    /** The mount options, type and source of the mount at {@code path}, from /proc/self/mountinfo. */
    private static Optional<String[]> mountInfo(String path) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ", -1);
            if (fields[4].equals(path)) {
                int separator = line.indexOf(" - ");
                String[] rest = line.substring(separator + 3).split(" ", -1);
                return Optional.of(new String[] {fields[5], rest[0], rest[1]});
            }
        }
        return Optional.empty();
    }
}
