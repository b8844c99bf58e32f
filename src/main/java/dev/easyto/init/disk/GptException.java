package dev.easyto.init.disk;

/** A GPT that cannot be read or does not verify; such a disk is never written. */
public final class GptException extends Exception {
    private static final long serialVersionUID = 1L;

    public GptException(String message) {
        super(message);
    }
}
