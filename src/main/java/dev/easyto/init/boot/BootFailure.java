package dev.easyto.init.boot;

/**
 * A failure that ends the boot, with the message a person reads on the console after
 * {@code System error:}. {@code kind} is upstream's short error name where tests match it
 * ({@code InvalidYaml}), else null.
 */
public final class BootFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String kind;

    public BootFailure(String message) {
        this(null, message, null);
    }

    public BootFailure(String message, Throwable cause) {
        this(null, message, cause);
    }

    public BootFailure(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The console line after {@code System error: }. */
    public String describe() {
        return kind == null ? getMessage() : kind + ": " + getMessage();
    }
}
