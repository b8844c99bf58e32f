package dev.easyto.init.net;

import java.util.HexFormat;

/**
 * A network interface as rtnetlink reports it.
 *
 * @param mac the hardware address as {@code 52:54:00:12:34:56}, empty when the link has none
 * @param kind {@code IFLA_INFO_KIND} ({@code veth}, {@code bridge}, ...), empty for a link that a
 *     hardware driver registered: physical NICs such as ENA and virtio-net have no kind
 * @param flags {@code IFF_*} flags
 * @param carrier whether the link has carrier ({@code IFLA_CARRIER}, else {@code IFF_LOWER_UP})
 */
public record Link(int index, String name, String mac, String kind, int flags, boolean carrier) {
    static final int IFF_UP = 0x1;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_LOWER_UP = 0x10000;

    private static final HexFormat MAC_FORMAT = HexFormat.ofDelimiter(":");

    public boolean up() {
        return (flags & IFF_UP) != 0;
    }

    public boolean loopback() {
        return (flags & IFF_LOOPBACK) != 0;
    }

    /** Whether the hardware address is an Ethernet one, six octets, which DHCP and IMDS need. */
    public boolean hasEthernetMac() {
        return mac.length() == 17;
    }

    public byte[] macBytes() {
        return MAC_FORMAT.parseHex(mac);
    }

    static String formatMac(byte[] address) {
        return MAC_FORMAT.formatHex(address);
    }

    Link withName(String newName) {
        return new Link(index, newName, mac, kind, flags, carrier);
    }
}
