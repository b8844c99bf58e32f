package dev.easyto.init.rehearsal;

import dev.easyto.init.linux.SocketCalls;

/**
 * No sockets: the rehearsal's network is {@link RehearsedNetwork}, one level up, so anything that
 * still reaches for a raw socket is a path the rehearsal does not cover, and says so.
 */
final class RehearsedSockets implements SocketCalls {

    @Override
    public int socket(int domain, int type, int protocol) {
        throw refused();
    }

    @Override
    public void bind(int fd, byte[] address) {
        throw refused();
    }

    @Override
    public void setsockopt(int fd, int level, int option, byte[] value) {
        throw refused();
    }

    @Override
    public long sendto(int fd, byte[] buffer, int flags, byte[] address) {
        throw refused();
    }

    @Override
    public long recv(int fd, byte[] buffer, int flags) {
        throw refused();
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        throw refused();
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("a rehearsal opens no sockets");
    }
}
