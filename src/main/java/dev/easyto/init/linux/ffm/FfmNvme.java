package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.copyIn;
import static dev.easyto.init.linux.ffm.Downcalls.copyOut;

import dev.easyto.init.linux.NvmeCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link NvmeCalls} through the C library's {@code ioctl}. */
final class FfmNvme implements NvmeCalls {

    @Override
    public byte[] identifyController(int fd) {
        String arguments = NvmeCalls.identifyArguments(fd);
        try (Arena arena = Arena.ofConfined()) {
            // The command holds the data buffer's address, so the buffer is native memory that
            // stays put for the call; the kernel writes the controller's answer into it.
            MemorySegment data = arena.allocate(IDENTIFY_BYTES, 8);
            MemorySegment command = copyIn(arena, NvmeCalls.identifyControllerCommand(data.address()));
            int result = (int) call(arena, "ioctl", arguments, state ->
                    (int) Libc.IOCTL.invokeExact(state, fd, NVME_IOCTL_ADMIN_CMD, command));
            NvmeCalls.checkStatus(result, arguments);
            byte[] identify = new byte[IDENTIFY_BYTES];
            copyOut(data, identify, IDENTIFY_BYTES);
            return identify;
        }
    }
}
