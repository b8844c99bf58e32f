package dev.easyto.init.disk;

import static dev.easyto.init.HostTools.isRoot;
import static dev.easyto.init.HostTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real uevent socket: the test makes the kernel add a loop device ({@code losetup} on a free
 * index that does not exist yet creates it through {@code /dev/loop-control}, attached to the
 * test's own sparse file), and the listener must see its {@code add@}. This host's kernel has no
 * partition table support, so partitions are covered by {@link UeventTest}'s messages and the VM.
 * Only the test's file and loop device are written; the device is detached and removed after.
 */
class UeventListenerTest {
    @TempDir
    Path dir;

    @Test
    void seesALoopDeviceAdded() throws Exception {
        HostTools.require("root", isRoot(), "adding a loop device needs root");
        HostTools.require("root", onPath("losetup"), "needs losetup (util-linux)");
        Path image = dir.resolve("disk.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8L << 20);
        }
        int index = freeLoopIndex();
        String name = "loop" + index;

        try (UeventListener listener = UeventListener.open(Ffm.sockets(), Ffm.files())) {
            run(List.of("losetup", "/dev/" + name, image.toString()));
            try {
                Uevent added = awaitAdd(listener, name);
                assertTrue(added.isBlock());
                assertEquals("/devices/virtual/block/" + name, added.devpath());
                assertEquals(Optional.of("disk"), added.devtype());
                assertEquals(OptionalInt.empty(), added.partition());
                assertEquals("block", added.properties().get("SUBSYSTEM"));
            } finally {
                run(List.of("losetup", "--detach", "/dev/" + name));
                removeLoop(index);
            }
        }
    }

    /** An index above the usual ones that no loop device has. */
    private static int freeLoopIndex() {
        for (int index = 200 + (int) (ProcessHandle.current().pid() % 100); ; index++) {
            if (!Files.exists(Path.of("/sys/block/loop" + index))) {
                return index;
            }
        }
    }

    /**
     * LOOP_CTL_REMOVE, so no empty loop device is left behind; the index is passed by value, which
     * FileCalls.ioctl cannot, so through python3 when the host has it (a left one is harmless).
     */
    private static void removeLoop(int index) throws IOException, InterruptedException {
        if (onPath("python3")) {
            run(List.of(
                    "python3",
                    "-c",
                    "import fcntl, os; fcntl.ioctl(os.open('/dev/loop-control', os.O_RDONLY), 0x4C81, " + index + ")"));
        }
    }

    private static Uevent awaitAdd(UeventListener listener, String devname) {
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<Uevent> event = listener.receive(500);
            if (event.isPresent()) {
                Uevent uevent = event.get();
                seen.add(uevent.action() + "@" + uevent.devpath());
                if (uevent.isAdd() && uevent.devname().equals(Optional.of(devname))) {
                    return uevent;
                }
            }
        }
        throw new AssertionError("no add uevent for " + devname + " in 10 s; saw " + seen);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, process.exitValue(), command + ": " + output);
    }
}
