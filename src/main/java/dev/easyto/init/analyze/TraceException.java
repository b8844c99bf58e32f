package dev.easyto.init.analyze;

import java.io.Serial;

/** A trace that cannot be read: its message names the file, where in it, and what is wrong. */
public final class TraceException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    TraceException(String message) {
        super(message);
    }
}
