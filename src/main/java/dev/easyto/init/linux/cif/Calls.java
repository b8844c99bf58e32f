package dev.easyto.init.linux.cif;

import dev.easyto.init.linux.SyscallException;

/** Turning a C function's -1 and errno, or its returned error number, into a {@link SyscallException}. */
final class Calls {
    private Calls() {}

    /**
     * The result of a function that returns -1 and sets errno on failure. {@code arguments} is made
     * before the call: making it after could allocate, and whatever the runtime does then may change
     * errno before it is read.
     */
    static long checked(long result, String name, String arguments) {
        if (result == -1) {
            // Before anything allocates, the exception included.
            int errno = Libc.errno();
            throw new SyscallException(name, arguments, errno);
        }
        return result;
    }

    /** For the posix_spawn family, which returns an error number instead of setting errno. */
    static void spawnChecked(int error, String name, String arguments) {
        if (error != 0) {
            throw new SyscallException(name, arguments, error);
        }
    }
}
