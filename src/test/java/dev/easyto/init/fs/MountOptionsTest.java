package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.MS_NOATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_SYNCHRONOUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MountOptionsTest {
    @Test
    void flagOptionsBecomeMountFlagsAndTheRestData() {
        MountOptions options =
                MountOptions.parse(List.of("noatime", "nodev,nosuid", "compress=zstd", "noexec", "discard"));
        assertEquals(MS_NOATIME | MS_NODEV | MS_NOSUID | MS_NOEXEC, options.flags());
        assertEquals("compress=zstd,discard", options.data());
    }

    @Test
    void laterOptionsWinAsWithMountDashO() {
        MountOptions options = MountOptions.parse(List.of("ro", "sync", "rw", "async", "relatime"));
        assertEquals(MS_RELATIME, options.flags());
        assertFalse(options.readOnly());
        assertNull(options.data());
        assertTrue(MountOptions.parse(List.of("rw,ro")).readOnly());
        assertEquals(
                MS_RDONLY | MS_SYNCHRONOUS,
                MountOptions.parse(List.of("ro,sync")).flags());
    }

    @Test
    void noOptionsAndDefaultsAreNothing() {
        assertEquals(MountOptions.NONE, MountOptions.parse(null));
        assertEquals(MountOptions.NONE, MountOptions.parse(List.of()));
        assertEquals(MountOptions.NONE, MountOptions.parse(List.of("defaults")));
    }

    @Test
    void fstabOptionsOtherOperationsAndEmptyOnesAreRefusedWithTheirItem() {
        List<MountOptions.Problem> problems =
                MountOptions.check(List.of("noatime", "nofail", "x-systemd.automount,bind", "a,,b", "noauto"));
        assertEquals(
                List.of(1, 2, 2, 3, 4),
                problems.stream().map(MountOptions.Problem::item).toList());
        assertEquals(
                List.of("nofail", "x-systemd.automount", "bind", "", "noauto"),
                problems.stream().map(MountOptions.Problem::option).toList());
        assertTrue(
                problems.getFirst().reason().contains("mount(8)"),
                problems.getFirst().reason());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MountOptions.parse(List.of("remount")));
        assertTrue(e.getMessage().startsWith("mount option \"remount\": "), e.getMessage());
    }
}
