package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DISCOVER and REQUEST byte for byte; dnsmasq's OFFER and ACK (captured, src/test/resources/net) read back. */
class DhcpMessageTest {
    static final byte[] MAC = Hex.bytes("525400123456");
    static final int XID = 0x4c481d85;

    /** op 1, htype 1 (Ethernet), hlen 6, hops 0, xid, secs 0, flags 0x8000, four zero addresses, chaddr. */
    static final String FIXED_FIELDS = "01 01 06 00 4c481d85 0000 8000" + Hex.zeros(16) + "525400123456" + Hex.zeros(10)
            + Hex.zeros(64 + 128) + "63825363";

    @Test
    void discover() {
        String options = "35 01 01" // 53: DISCOVER
                + "37 06 01 03 06 0f 77 1a" // 55: mask, router, DNS, domain name, domain search, MTU
                + "39 02 05dc" // 57: 1500
                + "ff";
        byte[] packet = DhcpMessage.discover(MAC, XID);
        assertEquals(300, packet.length, "padded to the BOOTP minimum");
        RtnlRequestsTest.assertBytes(FIXED_FIELDS + options + Hex.zeros(300 - 240 - 16), packet);
    }

    @Test
    void request() {
        String options = "35 01 03" // 53: REQUEST
                + "32 04 0a00020f" // 50: the offered address
                + "36 04 0a000202" // 54: the server that offered it
                + "37 06 01 03 06 0f 77 1a" // 55: as DISCOVER's (upstream sends none)
                + "39 02 05dc" // 57: 1500
                + "ff";
        byte[] packet = DhcpMessage.request(MAC, XID, Ipv4Address.parse("10.0.2.15"), Ipv4Address.parse("10.0.2.2"));
        RtnlRequestsTest.assertBytes(FIXED_FIELDS + options + Hex.zeros(300 - 240 - 28), packet);
    }

    @Test
    void onlyEthernetAddresses() {
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.discover(new byte[] {1, 2, 3, 4}, XID));
    }

    @Test
    void dnsmasqOffer() {
        DhcpMessage offer = decode("dnsmasq-offer.hex");
        assertEquals(DhcpMessage.BOOTREPLY, offer.op());
        assertEquals(XID, offer.xid());
        assertEquals(DhcpMessage.FLAG_BROADCAST, offer.flags());
        assertEquals(Ipv4Address.parse("10.0.2.15"), offer.yourAddress());
        assertEquals("52:54:00:12:34:56", offer.clientMac());
        assertEquals(DhcpMessage.OFFER, offer.messageType());
        DhcpOptions options = offer.options();
        assertEquals(
                Ipv4Address.parse("10.0.2.2"),
                options.address(DhcpOptions.SERVER_ID).orElseThrow());
        assertEquals(43200, options.u32(DhcpOptions.LEASE_TIME).orElseThrow());
        assertEquals(
                Ipv4Address.parse("255.255.255.0"),
                options.address(DhcpOptions.SUBNET_MASK).orElseThrow());
        assertEquals(List.of(Ipv4Address.parse("10.0.2.2")), options.addresses(DhcpOptions.ROUTER));
        assertEquals(List.of(Ipv4Address.parse("10.0.2.3")), options.addresses(DhcpOptions.DNS_SERVERS));
        assertEquals("ec2.internal", options.string(DhcpOptions.DOMAIN_NAME).orElseThrow());
        assertEquals(List.of("ec2.internal", "example.com"), options.domainSearch());
        assertFalse(options.has(DhcpOptions.PARAMETER_REQUEST_LIST));
    }

    @Test
    void dnsmasqAckAsALease() throws DhcpException {
        DhcpMessage ack = decode("dnsmasq-ack.hex");
        assertEquals(DhcpMessage.ACK, ack.messageType());
        assertEquals(
                new DhcpLease(
                        "eth0",
                        Ipv4Address.parse("10.0.2.15"),
                        24,
                        Ipv4Address.parse("10.0.2.2"),
                        List.of(Ipv4Address.parse("10.0.2.3")),
                        "ec2.internal",
                        List.of("ec2.internal", "example.com"),
                        Ipv4Address.parse("10.0.2.2"),
                        43200,
                        0),
                DhcpLease.fromAck("eth0", ack, Ipv4Address.parse("10.0.2.9")));
    }

    @Test
    void aLeaseNeedsAMaskAndARouter() {
        DhcpMessage noMask = DhcpMessage.decode(withOptions("35 01 05" + "03 04 0a000202" + "ff"), 240 + 10);
        DhcpException mask =
                assertThrows(DhcpException.class, () -> DhcpLease.fromAck("eth0", noMask, Ipv4Address.ANY));
        assertEquals("DHCP ack on eth0 for 10.0.2.15 has no subnet mask (option 1)", mask.getMessage());
        DhcpMessage noRouter = DhcpMessage.decode(withOptions("35 01 05" + "01 04 ffffff00" + "ff"), 240 + 10);
        DhcpException router =
                assertThrows(DhcpException.class, () -> DhcpLease.fromAck("eth0", noRouter, Ipv4Address.ANY));
        assertEquals("DHCP ack on eth0 for 10.0.2.15 has no router (option 3)", router.getMessage());
    }

    @Test
    void whatIsNotADhcpMessage() {
        byte[] ack = Hex.resource("dnsmasq-ack.hex");
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.decode(ack, 239));
        byte[] noCookie = Arrays.copyOf(ack, ack.length);
        noCookie[236] = 0;
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.decode(noCookie, noCookie.length));
        // Cut inside the last option (3, router): its length runs past the end.
        assertThrows(IllegalArgumentException.class, () -> DhcpMessage.decode(ack, ack.length - 3));
    }

    /** The captured ACK's fixed fields (yiaddr 10.0.2.15) with other options. */
    static byte[] withOptions(String options) {
        byte[] ack = Hex.resource("dnsmasq-ack.hex");
        byte[] optionBytes = Hex.bytes(options);
        byte[] packet = Arrays.copyOf(ack, 240 + optionBytes.length);
        System.arraycopy(optionBytes, 0, packet, 240, optionBytes.length);
        return packet;
    }

    static DhcpMessage decode(String resource) {
        byte[] packet = Hex.resource(resource);
        DhcpMessage message = DhcpMessage.decode(packet, packet.length);
        assertArrayEquals(MAC, Hex.bytes(message.clientMac().replace(":", "")));
        return message;
    }
}
