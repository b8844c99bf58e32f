package dev.easyto.init.net;

import static dev.easyto.init.linux.LinuxConstants.AF_INET;
import static dev.easyto.init.linux.LinuxConstants.AF_INET6;
import static dev.easyto.init.linux.LinuxConstants.AF_UNSPEC;
import static dev.easyto.init.net.Rtnl.IFA_ADDRESS;
import static dev.easyto.init.net.Rtnl.IFA_BROADCAST;
import static dev.easyto.init.net.Rtnl.IFA_LOCAL;
import static dev.easyto.init.net.Rtnl.IFLA_IFNAME;
import static dev.easyto.init.net.Rtnl.IFLA_MTU;
import static dev.easyto.init.net.Rtnl.NLM_F_ACK;
import static dev.easyto.init.net.Rtnl.NLM_F_CREATE;
import static dev.easyto.init.net.Rtnl.NLM_F_DUMP;
import static dev.easyto.init.net.Rtnl.NLM_F_EXCL;
import static dev.easyto.init.net.Rtnl.NLM_F_REPLACE;
import static dev.easyto.init.net.Rtnl.NLM_F_REQUEST;
import static dev.easyto.init.net.Rtnl.RTA_GATEWAY;
import static dev.easyto.init.net.Rtnl.RTA_OIF;
import static dev.easyto.init.net.Rtnl.RTM_DELADDR;
import static dev.easyto.init.net.Rtnl.RTM_DELROUTE;
import static dev.easyto.init.net.Rtnl.RTM_GETLINK;
import static dev.easyto.init.net.Rtnl.RTM_NEWADDR;
import static dev.easyto.init.net.Rtnl.RTM_NEWROUTE;
import static dev.easyto.init.net.Rtnl.RTM_SETLINK;
import static dev.easyto.init.net.Rtnl.RTN_UNICAST;
import static dev.easyto.init.net.Rtnl.RTPROT_DHCP;
import static dev.easyto.init.net.Rtnl.RT_SCOPE_NOWHERE;
import static dev.easyto.init.net.Rtnl.RT_SCOPE_UNIVERSE;
import static dev.easyto.init.net.Rtnl.RT_TABLE_MAIN;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rtnetlink requests the init sends, as bytes. Netlink headers and structs are in host byte
 * order (little-endian: the init is x86_64 only); addresses inside attributes are in network order.
 * Every change asks for an acknowledgement, so a failure comes back as an errno.
 */
final class RtnlRequests {
    private RtnlRequests() {}

    /** Every link: a dump of {@code RTM_NEWLINK} messages ending in {@code NLMSG_DONE}. */
    static byte[] getLinks(int seq) {
        return new Message(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq)
                .ifinfomsg(AF_UNSPEC, 0, 0, 0)
                .bytes();
    }

    /** One link by index: one {@code RTM_NEWLINK} message, or an error. */
    static byte[] getLink(int seq, int index) {
        return new Message(RTM_GETLINK, NLM_F_REQUEST, seq)
                .ifinfomsg(AF_UNSPEC, index, 0, 0)
                .bytes();
    }

    /** {@code ip link set dev X up|down}: only IFF_UP changes ({@code ifi_change}). */
    static byte[] setUp(int seq, int index, boolean up) {
        return new Message(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, seq)
                .ifinfomsg(AF_UNSPEC, index, up ? Link.IFF_UP : 0, Link.IFF_UP)
                .bytes();
    }

    /** {@code ip link set dev X name Y}; the kernel refuses while the link is up (EBUSY). */
    static byte[] rename(int seq, int index, String name) {
        return new Message(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, seq)
                .ifinfomsg(AF_UNSPEC, index, 0, 0)
                .attribute(IFLA_IFNAME, cString(name))
                .bytes();
    }

    /** {@code ip link set dev X mtu N}: flags and change 0, so nothing but the MTU changes. */
    static byte[] setMtu(int seq, int index, int mtu) {
        return new Message(RTM_SETLINK, NLM_F_REQUEST | NLM_F_ACK, seq)
                .ifinfomsg(AF_UNSPEC, index, 0, 0)
                .attribute(IFLA_MTU, u32(mtu))
                .bytes();
    }

    /**
     * {@code ip -6 addr add A/P dev X}: local and peer address the same, as iproute2 sends them;
     * IPv6 has no broadcast address.
     */
    static byte[] addAddress6(int seq, int index, byte[] address, int prefixLength, int scope) {
        if (address.length != 16) {
            throw new IllegalArgumentException("an IPv6 address has 16 bytes, got " + address.length);
        }
        return new Message(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq)
                .ifaddrmsg(AF_INET6, prefixLength, scope, index)
                .attribute(IFA_LOCAL, address.clone())
                .attribute(IFA_ADDRESS, address.clone())
                .bytes();
    }

    /**
     * {@code ip addr add A/P brd + dev X}: the local address, the peer address (the same on a
     * broadcast link) and, where the subnet has one, its broadcast address.
     */
    static byte[] addAddress(int seq, int index, Ipv4Address address, int prefixLength, int scope) {
        Message message = new Message(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, seq)
                .ifaddrmsg(AF_INET, prefixLength, scope, index)
                .attribute(IFA_LOCAL, address.bytes())
                .attribute(IFA_ADDRESS, address.bytes());
        if (prefixLength <= 30) {
            message.attribute(IFA_BROADCAST, address.broadcast(prefixLength).bytes());
        }
        return message.bytes();
    }

    static byte[] deleteAddress(int seq, int index, Ipv4Address address, int prefixLength) {
        return new Message(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, seq)
                .ifaddrmsg(AF_INET, prefixLength, 0, index)
                .attribute(IFA_LOCAL, address.bytes())
                .attribute(IFA_ADDRESS, address.bytes())
                .bytes();
    }

    /**
     * {@code ip route replace default via G dev X proto dhcp}: replacing rather than adding, so a
     * default route left by an earlier attempt (or a test harness) is taken over instead of failing.
     */
    static byte[] replaceDefaultRoute(int seq, int index, Ipv4Address gateway) {
        return new Message(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE, seq)
                .rtmsg(AF_INET, RT_TABLE_MAIN, RTPROT_DHCP, RT_SCOPE_UNIVERSE, RTN_UNICAST)
                .attribute(RTA_GATEWAY, gateway.bytes())
                .attribute(RTA_OIF, u32(index))
                .bytes();
    }

    /** {@code ip route del default via G dev X}: protocol, scope and type 0/NOWHERE match any. */
    static byte[] deleteDefaultRoute(int seq, int index, Ipv4Address gateway) {
        return new Message(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, seq)
                .rtmsg(AF_INET, RT_TABLE_MAIN, 0, RT_SCOPE_NOWHERE, 0)
                .attribute(RTA_GATEWAY, gateway.bytes())
                .attribute(RTA_OIF, u32(index))
                .bytes();
    }

    private static byte[] cString(String string) {
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(bytes, bytes.length + 1);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(value)
                .array();
    }

    /** One netlink message: the header, the family struct, then attributes, each padded to 4 bytes. */
    private static final class Message {
        private final ByteBuffer buffer = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);

        Message(int type, int flags, int seq) {
            // nlmsg_len is filled in by bytes(); nlmsg_pid 0 lets the kernel route the reply by socket.
            buffer.putInt(0)
                    .putShort((short) type)
                    .putShort((short) flags)
                    .putInt(seq)
                    .putInt(0);
        }

        Message ifinfomsg(int family, int index, int flags, int change) {
            buffer.put((byte) family).put((byte) 0).putShort((short) 0);
            buffer.putInt(index).putInt(flags).putInt(change);
            return this;
        }

        Message ifaddrmsg(int family, int prefixLength, int scope, int index) {
            buffer.put((byte) family).put((byte) prefixLength).put((byte) 0).put((byte) scope);
            buffer.putInt(index);
            return this;
        }

        Message rtmsg(int family, int table, int protocol, int scope, int type) {
            // A default route: destination and source prefix lengths 0, tos 0, no flags.
            buffer.put((byte) family).put((byte) 0).put((byte) 0).put((byte) 0);
            buffer.put((byte) table).put((byte) protocol).put((byte) scope).put((byte) type);
            buffer.putInt(0);
            return this;
        }

        Message attribute(int type, byte[] payload) {
            buffer.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
            while (buffer.position() % 4 != 0) {
                buffer.put((byte) 0);
            }
            return this;
        }

        byte[] bytes() {
            buffer.putInt(0, buffer.position());
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }
}
