package dev.easyto.init.net;

import java.io.IOException;

/** DHCP did not give the interface a usable lease. */
public final class DhcpException extends IOException {
    private static final long serialVersionUID = 1L;

    public DhcpException(String message) {
        super(message);
    }
}
