package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.MNT_DETACH;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_REMOUNT;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Every filesystem the init mounts, mounted through here so that shutdown can unmount exactly
 * those, newest first, before the root goes read-only.
 */
@ApplicationScoped
public class Mounts {
    private final MountCalls mountCalls;
    private final Deque<String> mounted = new ArrayDeque<>();

    public Mounts(MountCalls mountCalls) {
        this.mountCalls = mountCalls;
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
