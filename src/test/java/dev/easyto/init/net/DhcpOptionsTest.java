package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DhcpOptionsTest {
    @Test
    void padsAreSkippedAndTheEndOptionEndsTheList() {
        byte[] data = Hex.bytes("00 00 35 01 02 00 36 04 0a000202 ff 03 04 01020304");
        DhcpOptions options = DhcpOptions.parse(data, 0, data.length);
        assertEquals(DhcpMessage.OFFER, options.messageType());
        assertEquals(
                Ipv4Address.parse("10.0.2.2"),
                options.address(DhcpOptions.SERVER_ID).orElseThrow());
        assertTrue(options.addresses(DhcpOptions.ROUTER).isEmpty(), "options after the end option are ignored");
    }

    @Test
    void interfaceMtu() {
        // Option 26: two bytes, big-endian; 9001 is what a VPC offers.
        assertEquals(9001, parse("1a 02 2329 ff").mtu());
        assertEquals(68, parse("1a 02 0044 ff").mtu(), "the least an IPv4 link carries");
        assertEquals(0, parse("1a 02 0043 ff").mtu(), "below 68 is not an MTU");
        assertEquals(0, parse("1a 01 23 ff").mtu(), "not two bytes");
        assertEquals(0, parse("1a 04 00002329 ff").mtu(), "not two bytes");
        assertEquals(0, parse("ff").mtu(), "none");
        assertEquals(65535, parse("1a 02 ffff ff").mtu(), "unsigned");
    }

    private static DhcpOptions parse(String hex) {
        byte[] data = Hex.bytes(hex);
        return DhcpOptions.parse(data, 0, data.length);
    }

    @Test
    void repeatedOptionsAreConcatenated() {
        // RFC 3396: a long option split in two; here two DNS servers and a search list in halves.
        byte[] data = Hex.bytes("06 04 0a000203 06 04 08080808" + "77 05 0365633208" + "77 09 696e7465726e616c00 ff");
        DhcpOptions options = DhcpOptions.parse(data, 0, data.length);
        assertEquals(
                List.of(Ipv4Address.parse("10.0.2.3"), Ipv4Address.parse("8.8.8.8")),
                options.addresses(DhcpOptions.DNS_SERVERS));
        assertEquals(List.of("ec2.internal"), options.domainSearch());
    }

    @Test
    void malformedValuesReadAsAbsent() {
        byte[] data = Hex.bytes("01 03 ffffff 03 06 0a0002020a00 0f 04 6c616e00 35 02 0505 77 02 c000 ff");
        DhcpOptions options = DhcpOptions.parse(data, 0, data.length);
        assertTrue(options.address(DhcpOptions.SUBNET_MASK).isEmpty());
        assertTrue(options.addresses(DhcpOptions.ROUTER).isEmpty());
        assertEquals("lan", options.string(DhcpOptions.DOMAIN_NAME).orElseThrow(), "trailing NUL dropped");
        assertEquals(-1, options.messageType());
        assertTrue(options.domainSearch().isEmpty(), "a search list pointing at itself is dropped");
    }

    @Test
    void anOptionRunningPastTheEndIsRejected() {
        byte[] data = Hex.bytes("35 01 02 06 08 0a000203");
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.parse(data, 0, data.length));
        byte[] noLength = Hex.bytes("35");
        assertThrows(IllegalArgumentException.class, () -> DhcpOptions.parse(noLength, 0, noLength.length));
    }
}
