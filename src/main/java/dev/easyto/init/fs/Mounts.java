package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.MNT_DETACH;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_REMOUNT;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.retry.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Every filesystem the init mounts, mounted through here so that shutdown can unmount exactly
 * those, newest first, before the root goes read-only. Volumes (EBS filesystems, data that must
 * reach the disk) are kept apart: the shutdown unmounts them for real, waiting out a busy one,
 * where the base mounts (tmpfs, proc, ...) are only detached.
 */
@ApplicationScoped
public class Mounts {
    /** Between two tries of a busy unmount: a process that just died takes milliseconds to let go. */
    static final RetryPolicy BUSY = new RetryPolicy(
            "unmount",
            Duration.ofMillis(50),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Integer.MAX_VALUE,
            Duration.ofSeconds(10));

    private final MountCalls mountCalls;
    private final RetryPolicy.Timing timing;
    private final Deque<String> mounted = new ArrayDeque<>();
    private final Deque<String> volumes = new ArrayDeque<>();

    @Inject
    public Mounts(MountCalls mountCalls) {
        this(mountCalls, RetryPolicy.Timing.SYSTEM);
    }

    Mounts(MountCalls mountCalls, RetryPolicy.Timing timing) {
        this.mountCalls = mountCalls;
        this.timing = timing;
    }

    /**
     * Mounts, or returns false when something is already mounted there (EBUSY): the kernel or an
     * initramfs may have mounted it before us, which upstream also accepts.
     */
    public boolean mount(String source, String target, String fstype, long flags, String data) {
        try {
            mountCalls.mount(source, target, fstype, flags, data);
        } catch (SyscallException e) {
            if (e.is(Errno.EBUSY)) {
                Console.warn("%s is already mounted", target);
                return false;
            }
            throw e;
        }
        synchronized (mounted) {
            mounted.push(target);
        }
        return true;
    }

    /**
     * Mounts a volume's filesystem; unlike {@link #mount}, anything already mounted there is a
     * failure ({@link SyscallException}), since the volume would not be what the path shows.
     */
    public void mountVolume(String source, String target, String fstype, MountOptions options) {
        mountCalls.mount(source, target, fstype, options.flags(), options.data());
        synchronized (volumes) {
            volumes.push(target);
        }
    }

    public List<String> volumes() {
        synchronized (volumes) {
            return List.copyOf(volumes);
        }
    }

    /**
     * Unmounts every volume, newest first, for real (no {@code MNT_DETACH}: a detached filesystem
     * is written back whenever its last user lets go, which may be after the power is gone). A busy
     * one is tried again with a backoff until {@code busyFor} has passed since the first try; one
     * still busy then is remounted read-only if it can be and left mounted. Failures are reported,
     * never fatal: the power-off must happen.
     */
    public void unmountVolumes(Duration busyFor) {
        long deadline = RetryPolicy.deadline(timing.nanoTime(), busyFor);
        for (String target : volumes()) {
            try {
                Optional<Boolean> done = BUSY.await(deadline, () -> unmountOnce(target), timing);
                if (done.isPresent()) {
                    Console.info("unmounted %s", target);
                } else {
                    Console.warn("%s is still busy after %d ms; remounting it read-only", target, busyFor.toMillis());
                    readOnly(target);
                }
            } catch (SyscallException e) {
                Console.warn("unable to unmount %s: %s", target, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Console.warn("unmounting %s was interrupted", target);
                return;
            }
            synchronized (volumes) {
                volumes.remove(target);
            }
        }
    }

    /** True once unmounted, empty while busy; any other failure throws. */
    private Optional<Boolean> unmountOnce(String target) {
        try {
            mountCalls.umount2(target, 0);
            return Optional.of(true);
        } catch (SyscallException e) {
            if (e.is(Errno.EBUSY)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void readOnly(String target) {
        try {
            mountCalls.mount(null, target, null, MS_REMOUNT | MS_RDONLY, null);
        } catch (SyscallException e) {
            Console.warn("unable to remount %s read-only: %s", target, e.getMessage());
        }
    }

    public List<String> mounted() {
        synchronized (mounted) {
            return List.copyOf(mounted);
        }
    }

    /** Lazily detaches every mount we made, newest first; a failure is reported, never fatal. */
    public void unmountAll() {
        for (String target : mounted()) {
            try {
                mountCalls.umount2(target, MNT_DETACH);
            } catch (SyscallException e) {
                Console.warn("unable to unmount %s: %s", target, e.getMessage());
            }
        }
        synchronized (mounted) {
            mounted.clear();
        }
    }

    /** Remounts the root filesystem read-only, which also flushes it. */
    public void remountRootReadOnly() {
        mountCalls.mount(null, "/", null, MS_REMOUNT | MS_RDONLY, null);
    }
}
