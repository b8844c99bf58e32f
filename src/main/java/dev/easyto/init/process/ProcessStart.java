package dev.easyto.init.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How long ago this process was started, from {@code /proc}: its start time is kept across {@code
 * execve}, so for PID 1 it is when the kernel started it, before the JVM and the signal take-over's
 * re-exec. Resolution is a clock tick (Linux's USER_HZ, 100 on every architecture it runs on).
 */
public final class ProcessStart {
    private static final int TICKS_PER_SECOND = 100;

    /** {@code starttime}, field 22 of {@code /proc/<pid>/stat}, counted after the command's ")". */
    private static final int STARTTIME_AFTER_COMMAND = 22 - 3;

    private ProcessStart() {}

    /** Milliseconds since this process started; empty when {@code /proc} cannot tell. */
    public static OptionalLong millisAgo() {
        try {
            return millisAgo(Files.readString(Path.of("/proc/self/stat")), Files.readString(Path.of("/proc/uptime")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** From the text of {@code /proc/self/stat} and {@code /proc/uptime}. */
    static OptionalLong millisAgo(String stat, String uptime) {
        // After the last ')', so a command name with spaces or parentheses cannot shift fields.
        int command = stat.lastIndexOf(')');
        String[] fields = stat.substring(command + 2).strip().split(" ", -1);
        String[] up = uptime.strip().split(" ", -1);
        if (command < 0 || fields.length <= STARTTIME_AFTER_COMMAND) {
            return OptionalLong.empty();
        }
        long startedMs = Long.parseLong(fields[STARTTIME_AFTER_COMMAND]) * 1000 / TICKS_PER_SECOND;
        long upMs = Math.round(Double.parseDouble(up[0]) * 1000);
        return upMs >= startedMs ? OptionalLong.of(upMs - startedMs) : OptionalLong.empty();
    }
}
