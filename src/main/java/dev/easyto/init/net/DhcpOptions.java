package dev.easyto.init.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The options of a DHCP message, by code; an option that appears several times is concatenated (RFC 3396). */
public final class DhcpOptions {
    static final int PAD = 0;
    static final int SUBNET_MASK = 1;
    static final int ROUTER = 3;
    static final int DNS_SERVERS = 6;
    static final int DOMAIN_NAME = 15;
    static final int INTERFACE_MTU = 26;
    static final int REQUESTED_ADDRESS = 50;
    static final int LEASE_TIME = 51;
    static final int MESSAGE_TYPE = 53;
    static final int SERVER_ID = 54;
    static final int PARAMETER_REQUEST_LIST = 55;
    static final int MAX_MESSAGE_SIZE = 57;
    static final int DOMAIN_SEARCH = 119;
    static final int END = 255;

    private final Map<Integer, byte[]> options;

    private DhcpOptions(Map<Integer, byte[]> options) {
        this.options = options;
    }

    /**
     * The options in {@code packet} from {@code start} up to {@code end} or the end option.
     *
     * @throws IllegalArgumentException if an option's length runs past {@code end}
     */
    static DhcpOptions parse(byte[] packet, int start, int end) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        int at = start;
        while (at < end) {
            int code = packet[at] & 0xFF;
            if (code == END) {
                break;
            }
            if (code == PAD) {
                at++;
                continue;
            }
            if (at + 1 >= end || at + 2 + (packet[at + 1] & 0xFF) > end) {
                throw new IllegalArgumentException("DHCP option " + code + " runs past the end of the message");
            }
            int length = packet[at + 1] & 0xFF;
            byte[] value = Arrays.copyOfRange(packet, at + 2, at + 2 + length);
            options.merge(code, value, DhcpOptions::concat);
            at += 2 + length;
        }
        return new DhcpOptions(options);
    }

    public boolean has(int code) {
        return options.containsKey(code);
    }

    public Optional<byte[]> bytes(int code) {
        byte[] value = options.get(code);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    /** The message type (option 53), -1 without one. */
    public int messageType() {
        byte[] value = options.get(MESSAGE_TYPE);
        return value == null || value.length != 1 ? -1 : value[0] & 0xFF;
    }

    /** A single-address option; absent when missing or not four bytes long. */
    public Optional<Ipv4Address> address(int code) {
        byte[] value = options.get(code);
        return value == null || value.length != 4 ? Optional.empty() : Optional.of(Ipv4Address.of(value, 0));
    }

    /** An address-list option; empty when missing or not a whole number of addresses. */
    public List<Ipv4Address> addresses(int code) {
        byte[] value = options.get(code);
        if (value == null || value.length == 0 || value.length % 4 != 0) {
            return List.of();
        }
        List<Ipv4Address> addresses = new ArrayList<>();
        for (int i = 0; i < value.length; i += 4) {
            addresses.add(Ipv4Address.of(value, i));
        }
        return List.copyOf(addresses);
    }

    /** A text option, trailing NULs (which some servers send) removed. */
    public Optional<String> string(int code) {
        byte[] value = options.get(code);
        if (value == null) {
            return Optional.empty();
        }
        int length = value.length;
        while (length > 0 && value[length - 1] == 0) {
            length--;
        }
        return Optional.of(new String(value, 0, length, StandardCharsets.US_ASCII));
    }

    public OptionalLong u32(int code) {
        byte[] value = options.get(code);
        if (value == null || value.length != 4) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Integer.toUnsignedLong(Ipv4Address.of(value, 0).bits()));
    }

    /**
     * The interface MTU (option 26, RFC 2132 §5.1), 0 when missing, not two bytes, or below 68,
     * the least an IPv4 link must carry (RFC 791): such a value is ignored, not applied.
     */
    public int mtu() {
        byte[] value = options.get(INTERFACE_MTU);
        if (value == null || value.length != 2) {
            return 0;
        }
        int mtu = ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
        return mtu < MIN_MTU ? 0 : mtu;
    }

    /** The smallest MTU option 26 may give. */
    static final int MIN_MTU = 68;

    /** Option 119 decoded; a malformed list is dropped rather than failing the lease. */
    public List<String> domainSearch() {
        byte[] value = options.get(DOMAIN_SEARCH);
        if (value == null) {
            return List.of();
        }
        try {
            return DomainSearch.decode(value);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
