package dev.easyto.init.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the FFM families share: calling a downcall handle and turning its -1 and errno into a
 * {@link SyscallException}, retrying on {@code EINTR}, the C arguments more than one family builds,
 * and the formatting of arguments for the exception's message.
 */
final class Downcalls {
    private Downcalls() {}

    /** A call to a downcall handle, which declares Throwable but throws nothing checked. */
    @FunctionalInterface
    interface Invocation {
        long invoke() throws Throwable;
    }

    /** A call to a function that sets errno, given the segment its value is captured into. */
    @FunctionalInterface
    interface ErrnoInvocation {
        long invoke(MemorySegment callState) throws Throwable;
    }

    /** Like {@link ErrnoInvocation}, also given the string argument already in C form. */
    @FunctionalInterface
    interface StringInvocation {
        long invoke(MemorySegment callState, MemorySegment cString) throws Throwable;
    }

    @FunctionalInterface
    interface Retryable {
        long attempt();
    }

    static long invoke(Invocation invocation) {
        try {
            return invocation.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static long call(String name, String arguments, ErrnoInvocation invocation) {
        try (Arena arena = Arena.ofConfined()) {
            return call(arena, name, arguments, invocation);
        }
    }

    /** Calls a function that returns -1 and sets errno on failure, and throws for that failure. */
    static long call(Arena arena, String name, String arguments, ErrnoInvocation invocation) {
        MemorySegment state = arena.allocate(Libc.CALL_STATE);
        long result = invoke(() -> invocation.invoke(state));
        if (result == -1) {
            throw new SyscallException(name, arguments, state.get(JAVA_INT, Libc.ERRNO_OFFSET));
        }
        return result;
    }

    /**
     * {@link #call} for a function whose first argument is a string, a path mostly: the message
     * shows it quoted, then {@code moreArguments} (", " and the rest, or nothing).
     */
    static long callWithString(String name, String string, String moreArguments, StringInvocation invocation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cFirst = cString(arena, string);
            return call(arena, name, quote(string) + moreArguments, state -> invocation.invoke(state, cFirst));
        }
    }

    static long restartingOnEintr(Retryable call) {
        while (true) {
            try {
                return call.attempt();
            } catch (SyscallException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    static MemorySegment cString(Arena arena, String string) {
        if (string.indexOf('\0') >= 0) {
            // C would see only the part before the NUL, a different path or argument than asked for.
            throw new IllegalArgumentException("NUL inside a C string: " + quote(string));
        }
        return arena.allocateFrom(string);
    }

    /** A glibc {@code sigset_t}: the kernel's 64 bits first, the rest unused. */
    static MemorySegment sigset(Arena arena, SignalSet set) {
        MemorySegment sigset = arena.allocate(Libc.SIGSET_T_BYTES, 8);
        sigset.set(JAVA_LONG, 0, set.bits());
        return sigset;
    }

    /**
     * A uid or gid as the 32-bit C type; -1 (all ones) is the "unchanged" value of chown and the
     * setres calls. Larger values would be silently cut to another id.
     */
    static int id(long id) {
        if (id < -1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a user or group id: " + id);
        }
        return (int) id;
    }

    static String quote(String string) {
        if (string == null) {
            return "NULL";
        }
        StringBuilder quoted = new StringBuilder(string.length() + 2).append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }
}
