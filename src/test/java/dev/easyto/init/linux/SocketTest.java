package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.AF_NETLINK;
import static dev.easyto.init.linux.LinuxConstants.AF_UNIX;
import static dev.easyto.init.linux.LinuxConstants.FIONREAD;
import static dev.easyto.init.linux.LinuxConstants.MSG_DONTWAIT;
import static dev.easyto.init.linux.LinuxConstants.NETLINK_ROUTE;
import static dev.easyto.init.linux.LinuxConstants.POLLIN;
import static dev.easyto.init.linux.LinuxConstants.SOCK_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SOCK_DGRAM;
import static dev.easyto.init.linux.LinuxConstants.SOCK_RAW;
import static dev.easyto.init.linux.LinuxConstants.SOL_SOCKET;
import static dev.easyto.init.linux.LinuxConstants.SO_RCVTIMEO;
import static dev.easyto.init.linux.LinuxConstants.SO_REUSEADDR;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sockets: a Unix datagram socket that talks to itself, and a netlink socket. */
class SocketTest {
    final FileCalls fileCalls = Ffm.files();
    final SocketCalls socketCalls = Ffm.sockets();

    @TempDir
    Path dir;

    @Test
    void unixDatagramRoundTrip() {
        int fd = socketCalls.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = unixAddress(arena, dir.resolve("socket").toString());
            socketCalls.bind(fd, address);
            MemorySegment timeout = arena.allocate(16); // struct timeval: 1 s
            timeout.set(JAVA_LONG, 0, 1);
            socketCalls.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout);

            MemorySegment message = arena.allocateFrom("ping");
            assertEquals(5, socketCalls.sendto(fd, message, 0, address));
            MemorySegment pending = arena.allocate(JAVA_INT);
            fileCalls.ioctl(fd, FIONREAD, pending);
            assertEquals(5, pending.get(JAVA_INT, 0));
            MemorySegment buffer = arena.allocate(16);
            assertEquals(5, socketCalls.recv(fd, buffer, 0));
            assertEquals("ping", buffer.getString(0));

            SyscallException empty =
                    assertThrows(SyscallException.class, () -> socketCalls.recv(fd, buffer, MSG_DONTWAIT));
            assertEquals("recv(" + fd + ", 0x40): EAGAIN (Resource temporarily unavailable)", empty.getMessage());
            SyscallException unconnected =
                    assertThrows(SyscallException.class, () -> socketCalls.sendto(fd, message, 0, MemorySegment.NULL));
            assertEquals(
                    "sendto(" + fd + ", 0x0): ENOTCONN (Transport endpoint is not connected)",
                    unconnected.getMessage());
            int other = socketCalls.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            try {
                SyscallException taken = assertThrows(SyscallException.class, () -> socketCalls.bind(other, address));
                assertEquals("bind(" + other + "): EADDRINUSE (Address already in use)", taken.getMessage());
            } finally {
                fileCalls.close(other);
            }
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void netlinkRouteSocket() {
        int fd = socketCalls.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(fd >= 0);
            MemorySegment address = arena.allocate(12); // struct sockaddr_nl, port id 0: the kernel picks
            address.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            socketCalls.bind(fd, address);
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void pollTimesOutThenSeesData() {
        int fd = socketCalls.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = unixAddress(arena, dir.resolve("polled").toString());
            socketCalls.bind(fd, address);
            long started = System.nanoTime();
            assertEquals(0, socketCalls.poll(fd, POLLIN, 50));
            assertTrue(System.nanoTime() - started >= 40_000_000L, "poll returned before its timeout");
            socketCalls.sendto(fd, arena.allocateFrom("ping"), 0, address);
            assertEquals(POLLIN, socketCalls.poll(fd, POLLIN, 1000));
        } finally {
            fileCalls.close(fd);
        }
        // No descriptor has this number; poll says so with POLLNVAL, which becomes EBADF.
        SyscallException closed = assertThrows(SyscallException.class, () -> socketCalls.poll(999_999, POLLIN, 0));
        assertEquals("poll(999999, 0x1, 0): EBADF (Bad file descriptor)", closed.getMessage());
    }

    @Test
    void errors() {
        SyscallException family = assertThrows(SyscallException.class, () -> socketCalls.socket(9999, SOCK_DGRAM, 0));
        assertEquals(
                "socket(9999, 0x2, 0): EAFNOSUPPORT (Address family not supported by protocol)", family.getMessage());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(JAVA_INT, 1);
            SyscallException option = assertThrows(
                    SyscallException.class, () -> socketCalls.setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, one));
            assertEquals("setsockopt(-1, 1, 2): EBADF (Bad file descriptor)", option.getMessage());
            SyscallException recv = assertThrows(SyscallException.class, () -> socketCalls.recv(-1, one, 0));
            assertEquals("recv(-1, 0x0): EBADF (Bad file descriptor)", recv.getMessage());
        }
    }

    /** A {@code struct sockaddr_un}: the family, then the NUL-terminated path. */
    private static MemorySegment unixAddress(Arena arena, String path) {
        MemorySegment address = arena.allocate(110);
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(arena.allocateFrom(path), 0, address, 2, path.length());
        assertTrue(address.get(JAVA_BYTE, 2 + path.length()) == 0);
        return address;
    }
}
