package dev.easyto.init.aws;

import java.io.IOException;

/** IMDS answered, but not with 200. */
public final class ImdsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ImdsException(String path, int status) {
        super("IMDS " + path + ": HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
