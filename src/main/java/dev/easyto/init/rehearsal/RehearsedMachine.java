package dev.easyto.init.rehearsal;

import dev.easyto.init.linux.MachineCalls;

/** The hostname, sync and power-off a rehearsal would ask of the kernel; none is done. */
final class RehearsedMachine implements MachineCalls {
    private final RehearsalLog log;

    RehearsedMachine(RehearsalLog log) {
        this.log = log;
    }

    @Override
    public void sethostname(String name) {
        log.would("set the hostname to %s", name);
    }

    @Override
    public void reboot(int cmd) {
        log.would("reboot the machine (command 0x%x)", cmd);
    }

    @Override
    public void madvise(long address, long length, int advice) {
        log.would("advise the kernel about %d bytes of the init's memory (advice %d)", length, advice);
    }

    @Override
    public void sync() {
        log.would("sync every filesystem");
    }
}
