package dev.easyto.init.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * NVMe admin commands through the driver's passthrough ioctl ({@code NVME_IOCTL_ADMIN_CMD}), on a
 * descriptor of an NVMe block device. Only Identify Controller, which reads and changes nothing on
 * the device: the init asks it of every block device at boot, and a read-only descriptor is all
 * it needs. A failed call throws {@link SyscallException}; both backends build the command and the
 * messages here, so the two say the same.
 */
public interface NvmeCalls {

    /** The size of the Identify Controller data structure (NVMe base specification, CNS 01h). */
    int IDENTIFY_BYTES = 4096;

    /**
     * {@code _IOWR('N', 0x41, struct nvme_admin_cmd)}: read-write, the 72-byte command, type 'N',
     * number 0x41 (linux/nvme_ioctl.h).
     */
    long NVME_IOCTL_ADMIN_CMD = (3L << 30) | (72L << 16) | ('N' << 8) | 0x41;

    /** {@code sizeof(struct nvme_admin_cmd)}, also known as {@code struct nvme_passthru_cmd}. */
    int ADMIN_COMMAND_BYTES = 72;

    /**
     * The Identify Controller data of the device open at {@code fd}.
     *
     * @throws SyscallException the ioctl's errno ({@code ENOTTY} for a device that is not NVMe), or
     *     {@code EIO} with the NVMe status among the arguments when the controller completed the
     *     command with an error status (the ioctl returns that status, a positive number)
     */
    byte[] identifyController(int fd);

    /**
     * {@code struct nvme_admin_cmd} for Identify Controller: opcode 0x06, nsid 0, {@code addr} the
     * 4096-byte buffer the controller writes, {@code data_len} 4096, {@code cdw10} CNS 1. Little
     * endian, as x86_64 and the NVMe structures are.
     */
    static byte[] identifyControllerCommand(long dataAddress) {
        ByteBuffer command = ByteBuffer.allocate(ADMIN_COMMAND_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        command.put(0, (byte) 0x06); // opcode: Identify
        command.putLong(24, dataAddress); // addr
        command.putInt(36, IDENTIFY_BYTES); // data_len
        command.putInt(40, 1); // cdw10: CNS 01h, the controller
        return command.array();
    }

    /** The arguments of the failure message: {@code 3, NVME_IOCTL_ADMIN_CMD identify-controller}. */
    static String identifyArguments(int fd) {
        return fd + ", NVME_IOCTL_ADMIN_CMD identify-controller";
    }

    /**
     * Checks the ioctl's result once it is not -1 (the backends check that): 0 is success, a
     * positive number the NVMe status the controller completed the command with.
     */
    static void checkStatus(int result, String arguments) {
        if (result != 0) {
            throw new SyscallException("ioctl", arguments + ", NVMe status " + CallFormat.hex(result), Errno.EIO);
        }
    }
}
