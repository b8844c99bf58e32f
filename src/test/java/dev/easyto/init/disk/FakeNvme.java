package dev.easyto.init.disk;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Identify Controller answers by device file: the descriptor is a real one, opened by the code
 * under test on a plain file of the fake {@code /dev}, and {@code /proc/self/fd} says which. A file
 * with no answer is a device that is not NVMe. No Amazon NVMe device can be had here.
 */
final class FakeNvme implements NvmeCalls {
    private final Map<Path, byte[]> answers = new HashMap<>();
    final List<Path> asked = new ArrayList<>();

    void answer(Path device, byte[] identify) {
        answers.put(device.toAbsolutePath(), identify);
    }

    @Override
    public synchronized byte[] identifyController(int fd) {
        Path device;
        try {
            device = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asked.add(device);
        byte[] identify = answers.get(device);
        if (identify == null) {
            throw new SyscallException("ioctl", NvmeCalls.identifyArguments(fd), Errno.ENOTTY);
        }
        return identify.clone();
    }
}
