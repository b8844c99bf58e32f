package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.MADV_PAGEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleMemoryTest {

    @Test
    void onlyMappingsOfFilesAreGivenBack() {
        List<String> maps = List.of(
                "00400000-01a00000 r-xp 00000000 08:01 1311 /.easyto/app/easyto-init",
                "01a00000-03c00000 r--p 01600000 08:01 1311 /.easyto/app/easyto-init",
                "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ",
                "7f1000000000-7f1000001000 rw-p 00000000 00:00 0 [heap]",
                "7f2000000000-7f2000002000 r--p 00000000 08:01 77 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f3000000000-7f3000001000 rw-s 00000000 00:05 9 /dev/zero (deleted)",
                "7ffd00000000-7ffd00002000 r-xp 00000000 00:00 0 [vdso]",
                "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 [vsyscall]",
                "not a maps line");
        assertEquals(
                List.of(
                        new IdleMemory.Range(0x400000L, 0x1a00000L),
                        new IdleMemory.Range(0x1a00000L, 0x3c00000L),
                        new IdleMemory.Range(0x7f2000000000L, 0x7f2000002000L)),
                IdleMemory.fileMappings(maps));
    }

    /** Every file range of this very process, once each, with MADV_PAGEOUT; a kernel without it is not an error. */
    @Test
    void givesBackEachFileRangeOfThisProcess() throws IOException {
        List<long[]> calls = new ArrayList<>();
        MachineCalls recording = new RecordingMachine(calls, false);
        new IdleMemory(recording).giveBackFilePages();
        List<IdleMemory.Range> files = IdleMemory.fileMappings(Files.readAllLines(Path.of("/proc/self/maps")));
        assertFalse(calls.isEmpty());
        assertTrue(calls.size() <= files.size() + 8, () -> calls.size() + " calls for " + files.size() + " ranges");
        for (long[] call : calls) {
            assertEquals(MADV_PAGEOUT, call[2]);
            assertTrue(call[1] > 0);
        }

        List<long[]> refused = new ArrayList<>();
        new IdleMemory(new RecordingMachine(refused, true)).giveBackFilePages();
        assertEquals(1, refused.size(), "stops at the first EINVAL: the kernel has no MADV_PAGEOUT");
    }

    /** The FFM backend's madvise, for real, on a file mapping of this JVM. */
    @Test
    void theKernelTakesThePagesBack() throws IOException {
        IdleMemory.Range range = IdleMemory.fileMappings(Files.readAllLines(Path.of("/proc/self/maps")))
                .getFirst();
        Ffm.machine().madvise(range.start(), range.length(), MADV_PAGEOUT);
        SyscallException e = assertThrows(
                SyscallException.class, () -> Ffm.machine().madvise(range.start() + 1, 4096, MADV_PAGEOUT));
        assertTrue(e.is(Errno.EINVAL), e::getMessage);
        assertTrue(e.getMessage().startsWith("madvise(0x"), e::getMessage);
    }

    private record RecordingMachine(List<long[]> calls, boolean refuse) implements MachineCalls {
        @Override
        public void sethostname(String name) {}

        @Override
        public void reboot(int cmd) {}

        @Override
        public void sync() {}

        @Override
        public void madvise(long address, long length, int advice) {
            calls.add(new long[] {address, length, advice});
            if (refuse) {
                throw new SyscallException("madvise", "", Errno.EINVAL);
            }
        }
    }
}
