package dev.easyto.init.disk;

/** Growing the root volume failed; the message says at which step and why. */
public final class RootGrowthException extends Exception {
    private static final long serialVersionUID = 1L;

    public RootGrowthException(String message) {
        super(message);
    }

    public RootGrowthException(String message, Throwable cause) {
        super(message, cause);
    }
}
