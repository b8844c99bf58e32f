package dev.easyto.init.linux;

/**
 * Sockets, netlink ones included: creating, binding, options, sending, receiving and waiting for
 * input. A socket is a descriptor like any other, so it is closed (and queried with {@code ioctl})
 * through {@link FileCalls}. {@code poll} is here because sockets are all the init waits on. A
 * failed call throws {@link SyscallException}.
 */
public interface SocketCalls {

    int socket(int domain, int type, int protocol);

    /** Binds a socket to an address: a whole {@code struct sockaddr_*}, whose length is passed. */
    void bind(int fd, byte[] address);

    /** Sets a socket option; the length of {@code value} is passed as the option length. */
    void setsockopt(int fd, int level, int option, byte[] value);

    /**
     * Sends the whole of {@code buffer}.
     *
     * @param address the destination (a whole {@code struct sockaddr_*}), or null on a connected
     *     socket
     * @return how many bytes were sent
     */
    long sendto(int fd, byte[] buffer, int flags, byte[] address);

    /** Receives into {@code buffer}, at most its length; returns how many bytes arrived. */
    long recv(int fd, byte[] buffer, int flags);

    /**
     * Waits until {@code fd} has one of {@code events}, or {@code timeoutMillis} pass (-1: no limit).
     * Retries when a signal handler interrupts the wait, with the whole timeout again: callers that
     * keep a deadline pass what is left of it.
     *
     * @return the events that occurred, 0 when the time ran out
     * @throws SyscallException {@code EBADF} for a descriptor that is not open, which poll itself
     *     reports as {@code POLLNVAL} rather than through errno
     */
    int poll(int fd, int events, int timeoutMillis);
}
