package dev.easyto.init.imds;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The mock's own first requests, before a harness is told it is ready. */
final class WarmUp {
    private WarmUp() {}

    /**
     * A token and a meta-data read, answered before the harness is told the mock is ready: the
     * first request a fresh JVM serves takes about 100 ms (class loading, the virtual-thread
     * scheduler), which real IMDS never costs and which a boot would otherwise count as its own
     * (make bench times the init). Plain HTTP/1.1 on a socket; not logged.
     */
    static void run(InetSocketAddress address, String token) throws IOException {
        String host = address.getHostString() + ":" + address.getPort();
        String[] requests = {
            "PUT " + MockImds.TOKEN_PATH + " HTTP/1.1\r\nHost: " + host + "\r\n" + MockImds.TTL_HEADER + ": 60\r\n",
            "GET " + MockImds.META_DATA + "instance-id HTTP/1.1\r\nHost: " + host + "\r\n" + MockImds.TOKEN_HEADER
                    + ": " + token + "\r\n",
        };
        for (String request : requests) {
            try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                socket.getOutputStream()
                        .write((request + MockImds.WARM_UP_HEADER
                                        + ": 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().readAllBytes();
            }
        }
    }
}
