package dev.easyto.init.rehearsal;

import static dev.easyto.init.linux.LinuxConstants.MS_NOATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_REMOUNT;

import dev.easyto.init.linux.MountCalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mounts a rehearsal would make, said in {@code mount}'s words; none is made. */
final class RehearsedMounts implements MountCalls {
    private static final Map<Long, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put(MS_REMOUNT, "remount");
        FLAGS.put(MS_RDONLY, "ro");
        FLAGS.put(MS_NOSUID, "nosuid");
        FLAGS.put(MS_NODEV, "nodev");
        FLAGS.put(MS_NOEXEC, "noexec");
        FLAGS.put(MS_NOATIME, "noatime");
        FLAGS.put(MS_RELATIME, "relatime");
    }

    private final RehearsalLog log;

    RehearsedMounts(RehearsalLog log) {
        this.log = log;
    }

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) {
        List<String> options = new ArrayList<>();
        FLAGS.forEach((flag, name) -> {
            if ((flags & flag) != 0) {
                options.add(name);
            }
        });
        long unnamed =
                flags & ~FLAGS.keySet().stream().mapToLong(Long::longValue).sum();
        if (unnamed != 0) {
            options.add("0x" + Long.toHexString(unnamed));
        }
        if (data != null) {
            options.add(data);
        }
        log.would(
                "mount %s at %s%s%s",
                source == null ? "(none)" : source,
                log.shown(target),
                fstype == null ? "" : " type " + fstype,
                options.isEmpty() ? "" : " (" + String.join(",", options) + ")");
    }

    @Override
    public void umount2(String target, int flags) {
        log.would("unmount %s", log.shown(target));
    }
}
