package dev.easyto.init.linux;

/**
 * A failed system call, with a message in strace's spirit so a boot log says what was attempted:
 * {@code mount("devtmpfs", "/dev"): EBUSY (Device or resource busy)}.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final String arguments;
    private final int errno;

    /**
     * @param arguments the key arguments, already formatted: strings quoted, flags in hex
     */
    public SyscallException(String call, String arguments, int errno) {
        super(call + "(" + arguments + "): " + Errno.name(errno) + " (" + Errno.description(errno) + ")");
        this.call = call;
        this.arguments = arguments;
        this.errno = errno;
    }

    /** The C function that failed, such as {@code "mount"}. */
    public String call() {
        return call;
    }

    public String arguments() {
        return arguments;
    }

    public int errno() {
        return errno;
    }

    public String errnoName() {
        return Errno.name(errno);
    }

    public boolean is(int errno) {
        return this.errno == errno;
    }
}
