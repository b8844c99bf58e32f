package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.NvmeCalls;

/** {@link NvmeCalls} through the C library's {@code ioctl}. */
final class CifNvme implements NvmeCalls {

    @Override
    public byte[] identifyController(int fd) {
        String arguments = NvmeCalls.identifyArguments(fd);
        byte[] identify = new byte[IDENTIFY_BYTES];
        try (Pins pins = new Pins()) {
            // Pinned before its address goes into the command: the collector must neither move
            // nor free the array while the kernel writes the controller's answer into it.
            long dataAddress = pins.bytes(identify).rawValue();
            byte[] command = NvmeCalls.identifyControllerCommand(dataAddress);
            int result = (int) checked(Libc.ioctl(fd, NVME_IOCTL_ADMIN_CMD, pins.bytes(command)), "ioctl", arguments);
            NvmeCalls.checkStatus(result, arguments);
        }
        return identify;
    }
}
