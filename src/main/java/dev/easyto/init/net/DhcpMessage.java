package dev.easyto.init.net;

import static dev.easyto.init.net.DhcpOptions.END;
import static dev.easyto.init.net.DhcpOptions.MAX_MESSAGE_SIZE;
import static dev.easyto.init.net.DhcpOptions.MESSAGE_TYPE;
import static dev.easyto.init.net.DhcpOptions.PARAMETER_REQUEST_LIST;
import static dev.easyto.init.net.DhcpOptions.REQUESTED_ADDRESS;
import static dev.easyto.init.net.DhcpOptions.SERVER_ID;

import java.nio.ByteBuffer;

/**
 * A DHCPv4 message (RFC 2131): the client's DISCOVER and REQUEST as upstream sends them, and the
 * fields of a server's reply that the client reads.
 *
 * @param op 1 for a client's request, 2 for a server's reply
 * @param clientMac {@code chaddr} as {@code 52:54:00:12:34:56} when it is an Ethernet address
 */
public record DhcpMessage(int op, int xid, int flags, Ipv4Address yourAddress, String clientMac, DhcpOptions options) {
    static final int BOOTREQUEST = 1;
    static final int BOOTREPLY = 2;

    static final int DISCOVER = 1;
    static final int OFFER = 2;
    static final int REQUEST = 3;
    static final int ACK = 5;
    static final int NAK = 6;

    static final int CLIENT_PORT = 68;
    static final int SERVER_PORT = 67;

    /** Asks servers to broadcast their replies: the client has no address to receive unicast on. */
    static final int FLAG_BROADCAST = 0x8000;

    /**
     * Subnet mask, router, DNS servers, domain name, domain search, interface MTU (a VPC offers
     * 9001; many servers send only what the client asks for).
     */
    static final byte[] REQUESTED_PARAMETERS = {1, 3, 6, 15, 119, 26};

    /** What the client says it can receive (option 57): a standard Ethernet MTU. */
    static final int MAX_SIZE = 1500;

    private static final int HTYPE_ETHERNET = 1;
    private static final int MAGIC_COOKIE = 0x63825363;
    /** Fixed fields up to and including the magic cookie; options follow. */
    private static final int OPTIONS_OFFSET = 240;
    /**
     * The smallest BOOTP message (RFC 1542): the client pads to it with zeros after the end option,
     * because some relays and servers drop anything shorter.
     */
    private static final int MIN_BYTES = 300;

    static byte[] discover(byte[] mac, int xid) {
        ByteBuffer packet = ByteBuffer.allocate(MIN_BYTES); // big-endian: network byte order
        header(packet, mac, xid);
        packet.put((byte) MESSAGE_TYPE).put((byte) 1).put((byte) DISCOVER);
        packet.put((byte) PARAMETER_REQUEST_LIST)
                .put((byte) REQUESTED_PARAMETERS.length)
                .put(REQUESTED_PARAMETERS);
        packet.put((byte) MAX_MESSAGE_SIZE).put((byte) 2).putShort((short) MAX_SIZE);
        packet.put((byte) END);
        return packet.array();
    }

    /**
     * Takes the offer of {@code server}. Upstream sends no parameter list here; ours asks again
     * for what DISCOVER asked, since servers that answer only what is asked (ISC's) answer the
     * ACK from the REQUEST's list, and the ACK is the lease.
     */
    static byte[] request(byte[] mac, int xid, Ipv4Address requested, Ipv4Address server) {
        ByteBuffer packet = ByteBuffer.allocate(MIN_BYTES);
        header(packet, mac, xid);
        packet.put((byte) MESSAGE_TYPE).put((byte) 1).put((byte) REQUEST);
        packet.put((byte) REQUESTED_ADDRESS).put((byte) 4).put(requested.bytes());
        packet.put((byte) SERVER_ID).put((byte) 4).put(server.bytes());
        packet.put((byte) PARAMETER_REQUEST_LIST)
                .put((byte) REQUESTED_PARAMETERS.length)
                .put(REQUESTED_PARAMETERS);
        packet.put((byte) MAX_MESSAGE_SIZE).put((byte) 2).putShort((short) MAX_SIZE);
        packet.put((byte) END);
        return packet.array();
    }

    /** Fills the fixed fields of a zeroed message and leaves it positioned at the options. */
    private static void header(ByteBuffer packet, byte[] mac, int xid) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("DHCP needs an Ethernet address, got " + mac.length + " bytes");
        }
        packet.put((byte) BOOTREQUEST)
                .put((byte) HTYPE_ETHERNET)
                .put((byte) mac.length)
                .put((byte) 0);
        packet.putInt(xid);
        packet.putShort((short) 0); // secs
        packet.putShort((short) FLAG_BROADCAST);
        // ciaddr, yiaddr, siaddr, giaddr: all 0.0.0.0 before a lease.
        packet.position(28);
        packet.put(mac); // chaddr, 16 bytes of which the rest stay 0; then sname and file, all 0
        packet.position(236);
        packet.putInt(MAGIC_COOKIE);
    }

    /**
     * Reads a message from the first {@code length} bytes of {@code packet}.
     *
     * @throws IllegalArgumentException if it is too short, lacks the magic cookie or has a malformed option
     */
    static DhcpMessage decode(byte[] packet, int length) {
        if (length < OPTIONS_OFFSET) {
            throw new IllegalArgumentException("DHCP message of " + length + " bytes, shorter than 240");
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet, 0, length);
        if (buffer.getInt(236) != MAGIC_COOKIE) {
            throw new IllegalArgumentException("not a DHCP message: no magic cookie");
        }
        int op = packet[0] & 0xFF;
        int hardwareLength = packet[2] & 0xFF;
        String clientMac = "";
        if ((packet[1] & 0xFF) == HTYPE_ETHERNET && hardwareLength == 6) {
            byte[] mac = new byte[6];
            buffer.get(28, mac);
            clientMac = Link.formatMac(mac);
        }
        return new DhcpMessage(
                op,
                buffer.getInt(4),
                Short.toUnsignedInt(buffer.getShort(10)),
                Ipv4Address.of(packet, 16),
                clientMac,
                DhcpOptions.parse(packet, OPTIONS_OFFSET, length));
    }

    public int messageType() {
        return options.messageType();
    }
}
