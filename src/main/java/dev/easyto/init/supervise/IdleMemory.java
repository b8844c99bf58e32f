package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.MADV_PAGEOUT;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Once the command runs, PID 1 only waits for signals, children and the stop. The pages of its
 * files it read to boot (a native executable's code and image heap, about 40 MB, mapped from the
 * file; a JVM's libraries) stay resident until the kernel wants them back; giving them back as
 * the command starts leaves that memory to the workload at once. They are clean file pages, so
 * the kernel drops them, and the few the waiting init touches again come back from the file.
 * Memory the init wrote (its heap) is anonymous and stays: without swap, MADV_PAGEOUT skips it.
 */
@ApplicationScoped
public class IdleMemory {
    private static final Path MAPS = Path.of("/proc/self/maps");
    private static final Path STATUS = Path.of("/proc/self/status");

    private final MachineCalls machineCalls;

    public IdleMemory(MachineCalls machineCalls) {
        this.machineCalls = machineCalls;
    }

    /** One address range of a mapping. */
    record Range(long start, long end) {
        long length() {
            return end - start;
        }
    }

    /** Gives back the pages of every file the init has mapped; says how much it held before and after. */
    public void giveBackFilePages() {
        OptionalLong before = residentKb();
        List<Range> ranges;
        try {
            ranges = fileMappings(Files.readAllLines(MAPS));
        } catch (IOException e) {
            Console.warn("unable to read %s: %s", MAPS, e.getMessage());
            return;
        }
        for (Range range : ranges) {
            try {
                machineCalls.madvise(range.start(), range.length(), MADV_PAGEOUT);
            } catch (SyscallException e) {
                // EINVAL: a kernel before 5.4, which has no MADV_PAGEOUT; it reclaims them when it must.
                if (!e.is(Errno.EINVAL)) {
                    Console.warn("unable to give back the init's file pages: %s", e.getMessage());
                }
                return;
            }
        }
        OptionalLong after = residentKb();
        if (before.isPresent() && after.isPresent()) {
            Console.info(
                    "init resident memory %d kB, %d kB after giving back its boot pages",
                    before.getAsLong(), after.getAsLong());
        }
    }

    /**
     * The file-backed mappings in {@code /proc/self/maps} lines: a path and an inode. Not the
     * kernel's own ([vdso], [vvar]) nor device files, whose pages are not a file's contents.
     */
    static List<Range> fileMappings(List<String> maps) {
        List<Range> ranges = new ArrayList<>();
        for (String line : maps) {
            // start-end perms offset dev inode path
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length < 6
                    || fields[4].equals("0")
                    || !fields[5].startsWith("/")
                    || fields[5].startsWith("/dev/")) {
                continue;
            }
            int dash = fields[0].indexOf('-');
            if (dash < 0) {
                continue;
            }
            try {
                long start = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
                long end = Long.parseUnsignedLong(fields[0].substring(dash + 1), 16);
                if (Long.compareUnsigned(end, start) > 0) {
                    ranges.add(new Range(start, end));
                }
            } catch (NumberFormatException e) {
                // Not a line of the format above: nothing to give back from it.
            }
        }
        return ranges;
    }

    private static OptionalLong residentKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Only for the log line.
        }
        return OptionalLong.empty();
    }
}
