package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.linux.ffm.Ffm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The Identify Controller passthrough against what this machine has: no NVMe device, so the real
 * ioctl is checked to fail as the kernel answers a device that is not NVMe, with the message both
 * backends give; the command itself is checked byte by byte.
 */
class NvmeTest {
    final NvmeCalls nvmeCalls = Ffm.nvme();
    final FileCalls fileCalls = Ffm.files();

    @Test
    void theRequestNumberIsLinuxs() {
        // NVME_IOCTL_ADMIN_CMD as linux/nvme_ioctl.h expands it on x86_64.
        assertEquals(0xC0484E41L, NvmeCalls.NVME_IOCTL_ADMIN_CMD);
    }

    @Test
    void theIdentifyControllerCommand() {
        ByteBuffer command = ByteBuffer.wrap(NvmeCalls.identifyControllerCommand(0x7f00_1234_5678L))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(72, command.capacity());
        assertEquals(0x06, command.get(0)); // opcode
        assertEquals(0, command.getInt(4)); // nsid
        assertEquals(0x7f00_1234_5678L, command.getLong(24)); // addr
        assertEquals(4096, command.getInt(36)); // data_len
        assertEquals(1, command.getInt(40)); // cdw10: CNS 1
        int others = 0;
        for (int i = 0; i < 72; i++) {
            boolean set = i == 0 || (i >= 24 && i < 32) || i == 37 || i == 40;
            if (!set) {
                others |= command.get(i);
            }
        }
        assertEquals(0, others);
    }

    @Test
    void aDeviceThatIsNotNvmeAnswersEnotty() {
        int fd = fileCalls.open("/dev/null", O_RDONLY | O_CLOEXEC, 0);
        try {
            SyscallException e = assertThrows(SyscallException.class, () -> nvmeCalls.identifyController(fd));
            assertEquals(
                    "ioctl(" + fd
                            + ", NVME_IOCTL_ADMIN_CMD identify-controller): ENOTTY (Inappropriate ioctl for device)",
                    e.getMessage());
            assertEquals("ioctl", e.call());
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void aClosedDescriptorAnswersEbadf() {
        int fd = fileCalls.open("/dev/null", O_RDONLY | O_CLOEXEC, 0);
        fileCalls.close(fd);
        SyscallException e = assertThrows(SyscallException.class, () -> nvmeCalls.identifyController(fd));
        assertEquals("EBADF", e.errnoName());
    }

    @Test
    void anNvmeErrorStatusIsAFailureNamingIt() {
        NvmeCalls.checkStatus(0, "3, x");
        SyscallException e = assertThrows(SyscallException.class, () -> NvmeCalls.checkStatus(0x4002, "3, x"));
        assertEquals("ioctl(3, x, NVMe status 0x4002): EIO (Input/output error)", e.getMessage());
    }
}
