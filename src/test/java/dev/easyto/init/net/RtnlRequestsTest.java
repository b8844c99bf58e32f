package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every request byte for byte: nlmsghdr (length, type, flags, seq, port id, little-endian), the
 * family struct, then attributes (length, type, value padded to 4).
 */
class RtnlRequestsTest {
    static final Ipv4Address ADDRESS = Ipv4Address.parse("10.0.2.15");
    static final Ipv4Address GATEWAY = Ipv4Address.parse("10.0.2.2");

    @Test
    void dumpLinks() {
        // RTM_GETLINK (18), NLM_F_REQUEST | NLM_F_DUMP (0x301), an ifinfomsg of zeros.
        assertBytes(
                "20000000 1200 0103 07000000 00000000" + "00 00 0000 00000000 00000000 00000000",
                RtnlRequests.getLinks(7));
    }

    @Test
    void getOneLink() {
        assertBytes(
                "20000000 1200 0100 08000000 00000000" + "00 00 0000 02000000 00000000 00000000",
                RtnlRequests.getLink(8, 2));
    }

    @Test
    void setUpAndDown() {
        // RTM_SETLINK (19), NLM_F_REQUEST | NLM_F_ACK; ifi_flags IFF_UP or 0, ifi_change IFF_UP.
        assertBytes(
                "20000000 1300 0500 0a000000 00000000" + "00 00 0000 03000000 01000000 01000000",
                RtnlRequests.setUp(10, 3, true));
        assertBytes(
                "20000000 1300 0500 0a000000 00000000" + "00 00 0000 03000000 00000000 01000000",
                RtnlRequests.setUp(10, 3, false));
    }

    @Test
    void rename() {
        // IFLA_IFNAME (3): "eth0" and its NUL, 9 bytes, padded to 12.
        assertBytes(
                "2c000000 1300 0500 0b000000 00000000" + "00 00 0000 03000000 00000000 00000000"
                        + "0900 0300 6574683000 000000",
                RtnlRequests.rename(11, 3, "eth0"));
    }

    @Test
    void addAddressWithBroadcast() {
        // RTM_NEWADDR (20), REQUEST | ACK | EXCL | CREATE (0x605); ifaddrmsg AF_INET, /24, universe,
        // index 2; IFA_LOCAL (2), IFA_ADDRESS (1), IFA_BROADCAST (4).
        assertBytes(
                "30000000 1400 0506 0c000000 00000000" + "02 18 00 00 02000000" + "0800 0200 0a00020f"
                        + "0800 0100 0a00020f" + "0800 0400 0a0002ff",
                RtnlRequests.addAddress(12, 2, ADDRESS, 24, Rtnl.RT_SCOPE_UNIVERSE));
    }

    @Test
    void addLoopbackAddressAndAHostRoute() {
        assertBytes(
                "30000000 1400 0506 0c000000 00000000" + "02 08 00 fe 01000000" + "0800 0200 7f000001"
                        + "0800 0100 7f000001" + "0800 0400 7fffffff",
                RtnlRequests.addAddress(12, 1, Ipv4Address.parse("127.0.0.1"), 8, Rtnl.RT_SCOPE_HOST));
        // A /31 or /32 has no broadcast address.
        assertBytes(
                "28000000 1400 0506 0c000000 00000000" + "02 20 00 00 02000000" + "0800 0200 0a00020f"
                        + "0800 0100 0a00020f",
                RtnlRequests.addAddress(12, 2, ADDRESS, 32, Rtnl.RT_SCOPE_UNIVERSE));
    }

    @Test
    void setMtu() {
        // RTM_SETLINK (19), REQUEST | ACK; an ifinfomsg that changes no flags; IFLA_MTU (4): 9001, u32.
        assertBytes(
                "28000000 1300 0500 0e000000 00000000" + "00 00 0000 02000000 00000000 00000000" + "0800 0400 29230000",
                RtnlRequests.setMtu(14, 2, 9001));
    }

    @Test
    void addIpv6Loopback() {
        // RTM_NEWADDR (20), REQUEST | ACK | EXCL | CREATE; ifaddrmsg AF_INET6 (10), /128, host scope
        // (254), index 1; IFA_LOCAL (2) and IFA_ADDRESS (1): ::1, 16 bytes; no broadcast.
        String loopback = "00000000000000000000000000000001";
        assertBytes(
                "40000000 1400 0506 0f000000 00000000" + "0a 80 00 fe 01000000" + "1400 0200 " + loopback + "1400 0100 "
                        + loopback,
                RtnlRequests.addAddress6(15, 1, NetworkSetup.IPV6_LOOPBACK, 128, Rtnl.RT_SCOPE_HOST));
    }

    @Test
    void deleteAddress() {
        assertBytes(
                "28000000 1500 0500 0d000000 00000000" + "02 18 00 00 02000000" + "0800 0200 0a00020f"
                        + "0800 0100 0a00020f",
                RtnlRequests.deleteAddress(13, 2, ADDRESS, 24));
    }

    @Test
    void replaceDefaultRoute() {
        // RTM_NEWROUTE (24), REQUEST | ACK | REPLACE | CREATE (0x505); rtmsg AF_INET, dst /0, table
        // main (254), proto dhcp (16), scope universe, unicast; RTA_GATEWAY (5), RTA_OIF (4).
        assertBytes(
                "2c000000 1800 0505 0e000000 00000000" + "02 00 00 00 fe 10 00 01 00000000" + "0800 0500 0a000202"
                        + "0800 0400 02000000",
                RtnlRequests.replaceDefaultRoute(14, 2, GATEWAY));
    }

    @Test
    void deleteDefaultRoute() {
        // Protocol and type 0 and scope NOWHERE (255) match any route to 0/0 via the gateway.
        assertBytes(
                "2c000000 1900 0500 0f000000 00000000" + "02 00 00 00 fe 00 ff 00 00000000" + "0800 0500 0a000202"
                        + "0800 0400 02000000",
                RtnlRequests.deleteDefaultRoute(15, 2, GATEWAY));
    }

    static void assertBytes(String expectedHex, byte[] actual) {
        assertEquals(Hex.of(Hex.bytes(expectedHex)), Hex.of(actual));
    }
}
