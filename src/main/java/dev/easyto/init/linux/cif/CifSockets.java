package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.CallFormat.restartingOnEintr;
import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.SocketCalls;

/** {@link SocketCalls} through the C library. */
final class CifSockets implements SocketCalls {

    @Override
    public int socket(int domain, int type, int protocol) {
        String arguments = CallFormat.socket(domain, type, protocol);
        return (int) checked(Libc.socket(domain, type, protocol), "socket", arguments);
    }

    @Override
    public void bind(int fd, byte[] address) {
        String arguments = CallFormat.fd(fd);
        try (Pins pins = new Pins()) {
            checked(Libc.bind(fd, pins.bytes(address), address.length), "bind", arguments);
        }
    }

    @Override
    public void setsockopt(int fd, int level, int option, byte[] value) {
        String arguments = CallFormat.socketOption(fd, level, option);
        try (Pins pins = new Pins()) {
            checked(Libc.setsockopt(fd, level, option, pins.bytes(value), value.length), "setsockopt", arguments);
        }
    }

    @Override
    public long sendto(int fd, byte[] buffer, int flags, byte[] address) {
        String arguments = CallFormat.fdAndFlags(fd, flags);
        int length = address == null ? 0 : address.length;
        try (Pins pins = new Pins()) {
            return checked(
                    Libc.sendto(fd, pins.bytes(buffer), buffer.length, flags, pins.bytes(address), length),
                    "sendto",
                    arguments);
        }
    }

    @Override
    public long recv(int fd, byte[] buffer, int flags) {
        String arguments = CallFormat.fdAndFlags(fd, flags);
        try (Pins pins = new Pins()) {
            return checked(Libc.recv(fd, pins.bytes(buffer), buffer.length, flags), "recv", arguments);
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        String arguments = CallFormat.poll(fd, events, timeoutMillis);
        // struct pollfd as two ints: fd, then events in the low and revents in the high half.
        int[] pollFd = {fd, events & 0xFFFF};
        long ready = restartingOnEintr(() -> poll(pollFd, timeoutMillis, arguments));
        return CallFormat.pollResult((int) ready, pollFd[1] >>> 16, arguments);
    }

    /** One attempt; word values (the pinned address) cannot be passed into the retrying lambda. */
    private static long poll(int[] pollFd, int timeoutMillis, String arguments) {
        try (Pins pins = new Pins()) {
            return checked(Libc.poll(pins.ints(pollFd), 1L, timeoutMillis), "poll", arguments);
        }
    }
}
