package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.CallFormat.restartingOnEintr;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.copyIn;
import static dev.easyto.init.linux.ffm.Downcalls.copyOut;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.SocketCalls;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link SocketCalls} through the C library. */
final class FfmSockets implements SocketCalls {

    @Override
    public int socket(int domain, int type, int protocol) {
        return (int) call("socket", CallFormat.socket(domain, type, protocol), state ->
                (int) Libc.SOCKET.invokeExact(state, domain, type, protocol));
    }

    @Override
    public void bind(int fd, byte[] address) {
        int length = address.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cAddress = copyIn(arena, address);
            call(arena, "bind", CallFormat.fd(fd), state -> (int) Libc.BIND.invokeExact(state, fd, cAddress, length));
        }
    }

    @Override
    public void setsockopt(int fd, int level, int option, byte[] value) {
        int length = value.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cValue = copyIn(arena, value);
            call(arena, "setsockopt", CallFormat.socketOption(fd, level, option), state ->
                    (int) Libc.SETSOCKOPT.invokeExact(state, fd, level, option, cValue, length));
        }
    }

    @Override
    public long sendto(int fd, byte[] buffer, int flags, byte[] address) {
        long size = buffer.length;
        int length = address == null ? 0 : address.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cBuffer = copyIn(arena, buffer);
            MemorySegment cAddress = copyIn(arena, address);
            return call(arena, "sendto", CallFormat.fdAndFlags(fd, flags), state ->
                    (long) Libc.SENDTO.invokeExact(state, fd, cBuffer, size, flags, cAddress, length));
        }
    }

    @Override
    public long recv(int fd, byte[] buffer, int flags) {
        long size = buffer.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cBuffer = arena.allocate(Math.max(1, size));
            long received = call(arena, "recv", CallFormat.fdAndFlags(fd, flags), state ->
                    (long) Libc.RECV.invokeExact(state, fd, cBuffer, size, flags));
            copyOut(cBuffer, buffer, Math.min(received, size));
            return received;
        }
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        String arguments = CallFormat.poll(fd, events, timeoutMillis);
        try (Arena arena = Arena.ofConfined()) {
            // struct pollfd: int fd, short events, short revents.
            MemorySegment pollFd = arena.allocate(8, 4);
            pollFd.set(JAVA_INT, 0, fd);
            pollFd.set(JAVA_SHORT, 4, (short) events);
            long ready = restartingOnEintr(() -> call(
                    arena, "poll", arguments, state -> (int) Libc.POLL.invokeExact(state, pollFd, 1L, timeoutMillis)));
            return CallFormat.pollResult((int) ready, Short.toUnsignedInt(pollFd.get(JAVA_SHORT, 6)), arguments);
        }
    }
}
