package dev.easyto.init.net;

/**
 * An IPv4 address as its 32 bits, most significant octet first (the order on the wire), so that
 * addresses compare, mask and print without {@code InetAddress}, which may try name lookups.
 */
public record Ipv4Address(int bits) {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(0xFFFF_FFFF);

    /** Four octets from {@code bytes} at {@code offset}, in network byte order. */
    public static Ipv4Address of(byte[] bytes, int offset) {
        return new Ipv4Address(((bytes[offset] & 0xFF) << 24)
                | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8)
                | (bytes[offset + 3] & 0xFF));
    }

    /** Dotted-quad notation, {@code 10.0.2.15}. */
    public static Ipv4Address parse(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            }
            bits = (bits << 8) | octet;
        }
        return new Ipv4Address(bits);
    }

    /** The netmask with {@code prefixLength} leading ones. */
    public static Ipv4Address netmask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("not a prefix length: " + prefixLength);
        }
        return new Ipv4Address(prefixLength == 0 ? 0 : -1 << (32 - prefixLength));
    }

    /** The four octets in network byte order. */
    public byte[] bytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /**
     * The prefix length of this address taken as a subnet mask: its number of one bits, as DHCP
     * clients count it (a mask with holes is not rejected, as upstream does not reject it).
     */
    public int prefixLength() {
        return Integer.bitCount(bits);
    }

    /** The directed broadcast address of this address's subnet. */
    public Ipv4Address broadcast(int prefixLength) {
        return new Ipv4Address(bits | ~netmask(prefixLength).bits());
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
