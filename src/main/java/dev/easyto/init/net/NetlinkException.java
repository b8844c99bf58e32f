package dev.easyto.init.net;

import dev.easyto.init.linux.Errno;
import java.io.IOException;

/** The kernel refused an rtnetlink request: what was asked, and the errno it answered. */
public final class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public NetlinkException(String request, int errno) {
        super(request + ": " + Errno.name(errno) + " (" + Errno.description(errno) + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public boolean is(int errno) {
        return this.errno == errno;
    }
}
