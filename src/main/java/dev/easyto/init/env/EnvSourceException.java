package dev.easyto.init.env;

import java.io.IOException;

/**
 * An env-from item could not be fetched or its value could not be used. An {@code optional} item
 * is skipped for this; a required one stops the boot.
 */
public final class EnvSourceException extends IOException {
    private static final long serialVersionUID = 1L;

    public EnvSourceException(String message) {
        super(message);
    }

    public EnvSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
