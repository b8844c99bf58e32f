package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.LinuxConstants.POLLNVAL;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.hex;
import static dev.easyto.init.linux.ffm.Downcalls.restartingOnEintr;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.linux.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link SocketCalls} through the C library. */
final class FfmSockets implements SocketCalls {

    @Override
    public int socket(int domain, int type, int protocol) {
        return (int) call("socket", domain + ", " + hex(type) + ", " + protocol, state ->
                (int) Libc.SOCKET.invokeExact(state, domain, type, protocol));
    }

    @Override
    public void bind(int fd, MemorySegment address) {
        int length = Math.toIntExact(address.byteSize());
        call("bind", String.valueOf(fd), state -> (int) Libc.BIND.invokeExact(state, fd, address, length));
    }

    @Override
    public void setsockopt(int fd, int level, int option, MemorySegment value) {
        int length = Math.toIntExact(value.byteSize());
        call("setsockopt", fd + ", " + level + ", " + option, state ->
                (int) Libc.SETSOCKOPT.invokeExact(state, fd, level, option, value, length));
    }

    @Override
    public long sendto(int fd, MemorySegment buffer, int flags, MemorySegment address) {
        long size = buffer.byteSize();
        int length = Math.toIntExact(address.byteSize());
        return call("sendto", fd + ", " + hex(flags), state ->
                (long) Libc.SENDTO.invokeExact(state, fd, buffer, size, flags, address, length));
    }

    @Override
    public long recv(int fd, MemorySegment buffer, int flags) {
        long size = buffer.byteSize();
        return call(
                "recv", fd + ", " + hex(flags), state -> (long) Libc.RECV.invokeExact(state, fd, buffer, size, flags));
    }

    @Override
    public int poll(int fd, int events, int timeoutMillis) {
        String arguments = fd + ", " + hex(events) + ", " + timeoutMillis;
        try (Arena arena = Arena.ofConfined()) {
            // struct pollfd: int fd, short events, short revents.
            MemorySegment pollFd = arena.allocate(8, 4);
            pollFd.set(JAVA_INT, 0, fd);
            pollFd.set(JAVA_SHORT, 4, (short) events);
            long ready = restartingOnEintr(() -> call(
                    arena, "poll", arguments, state -> (int) Libc.POLL.invokeExact(state, pollFd, 1L, timeoutMillis)));
            if (ready == 0) {
                return 0;
            }
            int revents = Short.toUnsignedInt(pollFd.get(JAVA_SHORT, 6));
            if ((revents & POLLNVAL) != 0) {
                throw new SyscallException("poll", arguments, Errno.EBADF);
            }
            return revents;
        }
    }
}
