package dev.easyto.init.supervise;

/**
 * The hand-over to the workload failed: a required service could not be initialized, or the
 * command could not replace the init. The message is what a person reads after {@code System
 * error:}.
 */
public final class HandOverFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public HandOverFailure(String message) {
        super(message);
    }

    public HandOverFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
