package dev.easyto.init.linux.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * What the FFM families share: calling a downcall handle and turning its -1 and errno into a
 * {@link SyscallException}, and the C arguments more than one family builds. The arguments'
 * checks and message texts are {@link CallFormat}'s, which the other backend uses too.
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

    /** {@link #call} for a function whose first argument is a string, a path mostly. */
    static long callWithString(String name, String string, String arguments, StringInvocation invocation) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cFirst = cString(arena, string);
            return call(arena, name, arguments, state -> invocation.invoke(state, cFirst));
        }
    }

    static MemorySegment cString(Arena arena, String string) {
        return arena.allocateFrom(CallFormat.cString(string));
    }

    /** A native copy of {@code bytes}, or NULL for null; the C function reads or writes the copy. */
    static MemorySegment copyIn(Arena arena, byte[] bytes) {
        if (bytes == null) {
            return MemorySegment.NULL;
        }
        // Never of size 0: a zero-length array still gets an address the call may be given.
        MemorySegment copy = arena.allocate(Math.max(1, bytes.length));
        MemorySegment.copy(bytes, 0, copy, JAVA_BYTE, 0, bytes.length);
        return copy;
    }

    /** The first {@code count} bytes the C function left in {@code copy}, back into {@code bytes}. */
    static void copyOut(MemorySegment copy, byte[] bytes, long count) {
        if (bytes != null && count > 0) {
            MemorySegment.copy(copy, JAVA_BYTE, 0, bytes, 0, Math.toIntExact(count));
        }
    }

    /** A glibc {@code sigset_t}: the kernel's 64 bits first, the rest unused. */
    static MemorySegment sigset(Arena arena, SignalSet set) {
        MemorySegment sigset = arena.allocate(Libc.SIGSET_T_BYTES, 8);
        sigset.set(JAVA_LONG, 0, set.bits());
        return sigset;
    }
}
