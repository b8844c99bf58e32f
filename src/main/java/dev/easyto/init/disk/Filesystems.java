package dev.easyto.init.disk;

import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.BoundedRun;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import dev.easyto.init.spec.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Whether a block device holds a filesystem, and making one on a blank device, with the image's own
 * tools as upstream runs them (docs/behaviour.md §3.5): {@code /.easyto/sbin/blkid <device>}
 * (exit 0: a filesystem, 2: none) and {@code /.easyto/sbin/mkfs.<type> <device>}. Each runs as a
 * bounded process, so a tool that hangs fails the boot with its name rather than holding it.
 * Unlike upstream's Rust init, a failed mkfs is an error, never a volume mounted half-made.
 */
@ApplicationScoped
public class Filesystems {
    /** blkid's status for "nothing found" (util-linux). */
    static final int BLKID_NOTHING_FOUND = 2;

    private final Processes processes;
    private final Layout layout;
    private final Root root;
    private final Duration deadline;
    private final Duration report;

    public Filesystems(Processes processes, Layout layout, Root root, InitConfig config) {
        this.processes = processes;
        this.layout = layout;
        this.root = root;
        this.deadline = config.timeouts().mkfs();
        this.report = config.timeouts().stillRunningReport();
    }

    /** A tool failed, could not run, or the filesystem cannot be made here. */
    public static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        public FormatException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when blkid finds a filesystem (or another signature: a partition table) on the device. */
    public boolean hasFilesystem(String device) throws FormatException {
        ChildExit exit = run(layout.blkid(), device);
        if (exit.exited() && exit.status() == 0) {
            return true;
        }
        if (exit.exited() && exit.status() == BLKID_NOTHING_FOUND) {
            return false;
        }
        throw new FormatException("blkid " + device + " " + exit.describe(), null);
    }

    /** Makes a {@code fsType} filesystem on the device, which must be blank. */
    public void format(String device, String fsType) throws FormatException {
        if (!Volume.Ebs.FS_TYPE.matcher(fsType).matches()) {
            throw new FormatException("unsupported filesystem " + fsType + " for " + device, null);
        }
        String mkfs = layout.mkfs(fsType);
        if (!Files.isRegularFile(root.resolve(mkfs))) {
            throw new FormatException(
                    "unsupported filesystem " + fsType + " for " + device + ": the image has no " + mkfs, null);
        }
        Console.info("formatting %s as %s", device, fsType);
        long started = System.nanoTime();
        ChildExit exit = run(mkfs, device);
        if (!exit.exited() || exit.status() != 0) {
            throw new FormatException("mkfs." + fsType + " " + device + " " + exit.describe(), null);
        }
        Console.info("formatted %s as %s in %d ms", device, fsType, (System.nanoTime() - started) / 1_000_000);
    }

    private ChildExit run(String program, String device) throws FormatException {
        String name = program.substring(program.lastIndexOf('/') + 1) + " " + device;
        try {
            return BoundedRun.run(
                    processes,
                    SpawnRequest.asRoot(program, List.of(program, device), Environ.overInit(List.of())),
                    name,
                    deadline,
                    report);
        } catch (SyscallException e) {
            throw new FormatException("unable to run " + program + ": " + Errno.description(e.errno()), e);
        } catch (BoundedRun.DeadlineExceeded e) {
            throw new FormatException(e.getMessage(), e);
        }
    }
}
