package dev.easyto.init.supervise;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The user-space processes other than PID 1, from {@code /proc}. */
final class ProcessTable {
    private static final long PF_KTHREAD = 0x00200000L;

    private ProcessTable() {}

    static List<Integer> otherProcesses() {
        List<Integer> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                int pid = Integer.parseInt(name);
                if (pid != 1 && !isKernelThread(entry.resolve("stat"))) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: report nothing rather than wait on what cannot be seen.
        }
        return pids;
    }

    /** Parses after the last ')' so a command name with spaces or parentheses cannot shift fields. */
    static boolean isKernelThread(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ", -1);
            return (Long.parseLong(fields[6]) & PF_KTHREAD) != 0;
        } catch (IOException | RuntimeException e) {
            // Gone already, or not a process we can signal: either way nothing to wait for.
            return true;
        }
    }
}
