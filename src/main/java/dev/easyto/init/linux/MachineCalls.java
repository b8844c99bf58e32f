package dev.easyto.init.linux;

/**
 * The machine as a whole rather than a process, file or socket: its hostname, flushing every
 * filesystem, stopping it, and the memory the init holds of it. {@code sync} is here because the
 * init calls it only on the way to {@link #reboot}; {@code sethostname} because, like reboot, it
 * changes what every process on the machine sees and touches no file; {@code madvise} because the
 * init uses it only to give the machine back memory. A failed call throws {@link
 * SyscallException}.
 */
public interface MachineCalls {

    void sethostname(String name);

    /** Returns only when the command does not stop the machine, or throws. */
    void reboot(int cmd);

    void sync();

    /** {@code madvise(address, length, advice)} on the init's own mappings. */
    void madvise(long address, long length, int advice);
}
