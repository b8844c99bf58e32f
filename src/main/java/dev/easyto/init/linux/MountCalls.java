package dev.easyto.init.linux;

/**
 * Mounting and unmounting filesystems. Only these two: creating the mount points is {@link
 * FileCalls}'s, and flushing the filesystems before power-off is {@link MachineCalls#sync}. A
 * failed call throws {@link SyscallException}.
 */
public interface MountCalls {

    /** Null {@code source}, {@code fstype} or {@code data} passes NULL, as remounts and bind mounts do. */
    void mount(String source, String target, String fstype, long flags, String data);

    void umount2(String target, int flags);
}
