package dev.easyto.init.volume;

import java.io.IOException;

/** A volume could not be fetched or written; an {@code optional} volume is skipped for this. */
public final class VolumeException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeException(String message) {
        super(message);
    }

    public VolumeException(String message, Throwable cause) {
        super(message, cause);
    }
}
