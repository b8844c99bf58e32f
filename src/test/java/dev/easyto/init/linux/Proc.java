package dev.easyto.init.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what the kernel says about a process or thread, to check a system call's effect. */
final class Proc {
    static final int CAP_SYS_ADMIN = 21;
    static final int CAP_SYS_BOOT = 22;

    private Proc() {}

    /**
     * A field of a {@code status} file with its whitespace collapsed: {@code "0 0 0 0"} for the
     * {@code Uid:} line. Threads differ in credentials and signal masks: {@code /proc/thread-self}
     * is the reading thread, {@code /proc/self} the process's main thread.
     */
    static String status(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(file + " has no " + field);
    }

    static boolean hasCapability(int capability) {
        long effective = Long.parseUnsignedLong(status("/proc/self/status", "CapEff"), 16);
        return (effective & (1L << capability)) != 0;
    }

    static boolean isRoot() {
        return status("/proc/self/status", "Uid").equals("0 0 0 0");
    }

    /** The fields of {@code /proc/PID/stat} after the command name: state first, session fourth. */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }
}
