package dev.easyto.init.aws;

/**
 * No AWS client could be made: no region, no instance profile, no usable CA bundle. Unlike a failed
 * fetch this is fatal even for {@code optional} items (upstream), so it is a separate checked type
 * that the optional-skip handling does not catch.
 */
public final class AwsUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AwsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
