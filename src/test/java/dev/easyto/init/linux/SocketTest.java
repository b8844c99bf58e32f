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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
        try {
            byte[] address = unixAddress(dir.resolve("socket").toString());
            socketCalls.bind(fd, address);
            byte[] timeout = little(16).putLong(0, 1).array(); // struct timeval: 1 s
            socketCalls.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout);

            byte[] message = "ping\0".getBytes(StandardCharsets.US_ASCII);
            assertEquals(5, socketCalls.sendto(fd, message, 0, address));
            byte[] pending = new byte[4];
            fileCalls.ioctl(fd, FIONREAD, pending);
            assertEquals(
                    5, ByteBuffer.wrap(pending).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
            byte[] buffer = new byte[16];
            assertEquals(5, socketCalls.recv(fd, buffer, 0));
            assertEquals("ping", new String(buffer, 0, 4, StandardCharsets.US_ASCII));

            SyscallException empty =
                    assertThrows(SyscallException.class, () -> socketCalls.recv(fd, buffer, MSG_DONTWAIT));
            assertEquals("recv(" + fd + ", 0x40): EAGAIN (Resource temporarily unavailable)", empty.getMessage());
            SyscallException unconnected =
                    assertThrows(SyscallException.class, () -> socketCalls.sendto(fd, message, 0, null));
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
        try {
            assertTrue(fd >= 0);
            // struct sockaddr_nl, port id 0: the kernel picks
            byte[] address = little(12).putShort(0, (short) AF_NETLINK).array();
            socketCalls.bind(fd, address);
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void pollTimesOutThenSeesData() {
        int fd = socketCalls.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        try {
            byte[] address = unixAddress(dir.resolve("polled").toString());
            socketCalls.bind(fd, address);
            long started = System.nanoTime();
            assertEquals(0, socketCalls.poll(fd, POLLIN, 50));
            assertTrue(System.nanoTime() - started >= 40_000_000L, "poll returned before its timeout");
            socketCalls.sendto(fd, "ping".getBytes(StandardCharsets.US_ASCII), 0, address);
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
        byte[] one = little(4).putInt(0, 1).array();
        SyscallException option =
                assertThrows(SyscallException.class, () -> socketCalls.setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, one));
        assertEquals("setsockopt(-1, 1, 2): EBADF (Bad file descriptor)", option.getMessage());
        SyscallException recv = assertThrows(SyscallException.class, () -> socketCalls.recv(-1, one, 0));
        assertEquals("recv(-1, 0x0): EBADF (Bad file descriptor)", recv.getMessage());
    }

    /** A {@code struct sockaddr_un}: the family, then the NUL-terminated path. */
    private static byte[] unixAddress(String path) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        assertTrue(name.length < 108, "path too long for sockaddr_un: " + path);
        return little(110).putShort(0, (short) AF_UNIX).put(2, name).array();
    }

    /** A zeroed C struct of {@code size} bytes, in x86_64's byte order. */
    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
