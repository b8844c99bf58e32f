package dev.easyto.init.rehearsal;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.SyscallException;

/**
 * No NVMe devices: every descriptor answers Identify Controller as a device that is not NVMe does,
 * so the device-naming phase runs and names nothing, and no developer's disk is ever asked.
 */
final class RehearsedNvme implements NvmeCalls {

    @Override
    public byte[] identifyController(int fd) {
        throw new SyscallException("ioctl", NvmeCalls.identifyArguments(fd), Errno.ENOTTY);
    }
}
