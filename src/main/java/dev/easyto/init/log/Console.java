package dev.easyto.init.log;

import java.io.PrintStream;
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

    private Console() {}

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
        // System.err writes straight to fd 2, so a dup2 onto fd 2 (test mode) redirects it too.
        PrintStream err = System.err;
        synchronized (err) {
            err.println(level.name().toLowerCase(Locale.ROOT) + ": " + message);
            err.flush();
        }
    }
}
