package dev.easyto.init.net;

import static dev.easyto.init.linux.LinuxConstants.AF_INET;
import static dev.easyto.init.linux.LinuxConstants.IPPROTO_UDP;
import static dev.easyto.init.linux.LinuxConstants.POLLIN;
import static dev.easyto.init.linux.LinuxConstants.SOCK_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SOCK_DGRAM;
import static dev.easyto.init.linux.LinuxConstants.SOL_SOCKET;
import static dev.easyto.init.linux.LinuxConstants.SO_BINDTODEVICE;
import static dev.easyto.init.linux.LinuxConstants.SO_BROADCAST;
import static dev.easyto.init.linux.LinuxConstants.SO_REUSEADDR;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SocketCalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * DHCP over a UDP socket on port 68, as upstream does it: bound to one interface
 * ({@code SO_BINDTODEVICE}) so that broadcasts leave through it and only its replies come back,
 * sending to 255.255.255.255:67. Servers broadcast their replies because the client sets the
 * broadcast flag, so no raw socket is needed while the interface has no address.
 */
public final class UdpDhcpTransport implements DhcpClient.Transport {
    /** More than the 1500 bytes the client asks for, so an oversized reply is not cut short. */
    private static final int RECEIVE_BYTES = 4096;

    private final SocketCalls socketCalls;
    private final FileCalls fileCalls;
    private final int fd;
    /** An int option's value 1 (true), little-endian as x86_64 holds it. */
    private static final byte[] ONE = {1, 0, 0, 0};

    private final byte[] receiveBuffer = new byte[RECEIVE_BYTES];
    private final byte[] servers = socketAddress(Ipv4Address.BROADCAST, DhcpMessage.SERVER_PORT);

    private UdpDhcpTransport(SocketCalls socketCalls, FileCalls fileCalls, int fd) {
        this.socketCalls = socketCalls;
        this.fileCalls = fileCalls;
        this.fd = fd;
    }

    /** A socket for DHCP on {@code interfaceName}; needs CAP_NET_RAW (SO_BINDTODEVICE) and CAP_NET_BIND_SERVICE. */
    public static UdpDhcpTransport open(SocketCalls socketCalls, FileCalls fileCalls, String interfaceName) {
        int fd = socketCalls.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
        UdpDhcpTransport transport = new UdpDhcpTransport(socketCalls, fileCalls, fd);
        try {
            // Another DHCP client (a second interface's, or a leftover) may hold port 68 too.
            socketCalls.setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, ONE);
            socketCalls.setsockopt(fd, SOL_SOCKET, SO_BROADCAST, ONE);
            byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
            socketCalls.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, Arrays.copyOf(name, name.length + 1));
            socketCalls.bind(fd, socketAddress(Ipv4Address.ANY, DhcpMessage.CLIENT_PORT));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    /** {@code struct sockaddr_in}: family in host order, port and address in network order, 8 bytes of zero. */
    static byte[] socketAddress(Ipv4Address address, int port) {
        ByteBuffer sockaddr = ByteBuffer.allocate(16);
        sockaddr.order(ByteOrder.LITTLE_ENDIAN).putShort((short) AF_INET);
        sockaddr.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(address.bytes());
        return sockaddr.array();
    }

    @Override
    public void send(byte[] packet) {
        socketCalls.sendto(fd, packet, 0, servers);
    }

    @Override
    public byte[] receive(long timeoutMillis) {
        if (socketCalls.poll(fd, POLLIN, (int) Math.min(timeoutMillis, Integer.MAX_VALUE)) == 0) {
            return null;
        }
        long length = socketCalls.recv(fd, receiveBuffer, 0);
        return Arrays.copyOf(receiveBuffer, (int) Math.min(length, RECEIVE_BYTES));
    }

    @Override
    public void close() {
        fileCalls.close(fd);
    }
}
