package dev.easyto.init.log;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Boot log on PID 1's standard error, which the kernel points at the serial console. Upstream's
 * format ({@code info: message}), no timestamps: the console is read by people and by tests that
 * match lines. Values of variables never go through here, only their names.
 */
public final class Console {
    public enum Level {
        ERROR,
        WARNING,
        INFO,
        DEBUG
    }

    // Process-wide by necessity: PID 1 has one console (fd 2) that every thread writes to. The
    // level is the spec's `debug`, which merge-spec sets once it is known; nothing else changes it.
    private static volatile Level threshold = Level.INFO;

    /** Lines of the current thread held back rather than printed (see {@link #hold()}). */
    private static final ThreadLocal<List<String>> HELD = new ThreadLocal<>();

    private Console() {}

    /**
     * From now on, this thread's lines are held rather than printed, until {@link #release()}:
     * for work done in parallel whose lines must come out in a fixed order whichever finishes
     * first.
     */
    public static void hold() {
        HELD.set(new ArrayList<>());
    }

    /** Stops holding this thread's lines and returns those held, in order. */
    public static List<String> release() {
        List<String> held = HELD.get();
        HELD.remove();
        return held == null ? List.of() : List.copyOf(held);
    }

    /** Prints lines {@link #release()} returned, as they would have been printed. */
    public static void replay(List<String> lines) {
        lines.forEach(Console::print);
    }

    public static void setDebug(boolean debug) {
        threshold = debug ? Level.DEBUG : Level.INFO;
    }

    public static boolean debugEnabled() {
        return threshold == Level.DEBUG;
    }

    public static void error(String format, Object... args) {
        log(Level.ERROR, format, args);
    }

    public static void warn(String format, Object... args) {
        log(Level.WARNING, format, args);
    }

    public static void info(String format, Object... args) {
        log(Level.INFO, format, args);
    }

    public static void debug(String format, Object... args) {
        log(Level.DEBUG, format, args);
    }

    private static void log(Level level, String format, Object... args) {
        if (level.compareTo(threshold) > 0) {
            return;
        }
        String message = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
        String line = level.name().toLowerCase(Locale.ROOT) + ": " + message;
        List<String> held = HELD.get();
        if (held != null) {
            held.add(line);
        } else {
            print(line);
        }
    }

    private static void print(String line) {
        // System.err writes straight to fd 2, so a dup2 onto fd 2 (test mode) redirects it too.
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
