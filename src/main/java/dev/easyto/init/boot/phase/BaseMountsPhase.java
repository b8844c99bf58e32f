package dev.easyto.init.boot.phase;

import static dev.easyto.init.linux.LinuxConstants.MS_NOATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;

import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Mounts;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SyscallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The kernel filesystems every program expects, and the {@code /dev} links (docs/behaviour.md §1.4). */
@ApplicationScoped
public class BaseMountsPhase implements Phase<BaseMounts> {
    private static final PhaseInfo<BaseMounts> INFO = PhaseInfo.of("base-mounts", BaseMounts.class);

    record BaseMount(String source, String target, String fstype, long flags, String data, int directoryMode) {}

    /** In mount order: each target's parent is mounted before it. */
    static List<BaseMount> table(Layout layout) {
        return List.of(
                new BaseMount("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, null, 0755),
                new BaseMount(
                        "devpts",
                        "/dev/pts",
                        "devpts",
                        MS_NOATIME | MS_NOEXEC | MS_NOSUID,
                        "mode=0620,gid=5,ptmxmode=666",
                        0755),
                new BaseMount("mqueue", "/dev/mqueue", "mqueue", MS_NODEV | MS_NOEXEC | MS_NOSUID, null, 0755),
                new BaseMount("tmpfs", "/dev/shm", "tmpfs", MS_NODEV | MS_NOSUID, null, 01777),
                new BaseMount("hugetlbfs", "/dev/hugepages", "hugetlbfs", MS_RELATIME, null, 0755),
                new BaseMount("proc", "/proc", "proc", MS_NODEV | MS_NOEXEC | MS_RELATIME | MS_NOSUID, null, 0555),
                new BaseMount("sys", "/sys", "sysfs", MS_NODEV | MS_NOEXEC | MS_NOSUID, null, 0555),
                new BaseMount("tmpfs", layout.run(), "tmpfs", MS_NODEV | MS_NOSUID, "mode=0755", 0755),
                new BaseMount(
                        "cgroup2",
                        "/sys/fs/cgroup",
                        "cgroup2",
                        MS_NODEV | MS_NOEXEC | MS_RELATIME | MS_NOSUID,
                        "nsdelegate",
                        0555),
                new BaseMount(
                        "debugfs",
                        "/sys/kernel/debug",
                        "debugfs",
                        MS_NODEV | MS_NOEXEC | MS_RELATIME | MS_NOSUID,
                        null,
                        0500));
    }

    static final List<String[]> LINKS = List.of(
            new String[] {"/proc/self/fd", "/dev/fd"},
            new String[] {"/proc/self/fd/0", "/dev/stdin"},
            new String[] {"/proc/self/fd/1", "/dev/stdout"},
            new String[] {"/proc/self/fd/2", "/dev/stderr"});

    private final FileCalls fileCalls;
    private final Mounts mounts;
    private final Layout layout;
    private final Root root;

    public BaseMountsPhase(FileCalls fileCalls, Mounts mounts, Layout layout, Root root) {
        this.fileCalls = fileCalls;
        this.mounts = mounts;
        this.layout = layout;
        this.root = root;
    }

    @Override
    public PhaseInfo<BaseMounts> info() {
        return INFO;
    }

    @Override
    public BaseMounts run(PhaseInputs inputs) {
        List<String> mountedNow = new ArrayList<>();
        // Mount points are directories of the root the init works on: "/" on a machine.
        for (BaseMount mount : table(layout)) {
            String target = root.resolve(mount.target()).toString();
            if (!Files.isDirectory(root.resolve(mount.target()))) {
                fileCalls.mkdir(target, mount.directoryMode());
                // mkdir applies the umask; the mode of a mount point should be exactly the table's.
                fileCalls.chmod(target, mount.directoryMode());
            }
            if (mounts.mount(mount.source(), target, mount.fstype(), mount.flags(), mount.data())) {
                mountedNow.add(target);
            }
        }
        for (String[] link : LINKS) {
            try {
                fileCalls.symlink(link[0], root.resolve(link[1]).toString());
            } catch (SyscallException e) {
                if (!e.is(Errno.EEXIST)) {
                    throw e;
                }
            }
        }
        return new BaseMounts(List.copyOf(mountedNow));
    }
}
