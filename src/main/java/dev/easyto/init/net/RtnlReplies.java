package dev.easyto.init.net;

import static dev.easyto.init.net.Rtnl.IFINFOMSG_BYTES;
import static dev.easyto.init.net.Rtnl.IFLA_ADDRESS;
import static dev.easyto.init.net.Rtnl.IFLA_CARRIER;
import static dev.easyto.init.net.Rtnl.IFLA_IFNAME;
import static dev.easyto.init.net.Rtnl.IFLA_INFO_KIND;
import static dev.easyto.init.net.Rtnl.IFLA_LINKINFO;
import static dev.easyto.init.net.Rtnl.NLA_TYPE_MASK;
import static dev.easyto.init.net.Rtnl.NLMSG_DONE;
import static dev.easyto.init.net.Rtnl.NLMSG_ERROR;
import static dev.easyto.init.net.Rtnl.NLMSG_HEADER_BYTES;
import static dev.easyto.init.net.Rtnl.RTM_NEWLINK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what the kernel sends back on an rtnetlink socket: one datagram holds one or more messages. */
final class RtnlReplies {
    private RtnlReplies() {}

    /** One message of a reply, by its header's sequence number. */
    sealed interface Reply {
        int seq();
    }

    /** {@code NLMSG_ERROR}: errno 0 is an acknowledgement. */
    record Ack(int seq, int errno) implements Reply {}

    /** {@code NLMSG_DONE}, the end of a dump. */
    record Done(int seq) implements Reply {}

    /** {@code RTM_NEWLINK}, one link. */
    record LinkReply(int seq, Link link) implements Reply {}

    /** Any other message type, which the init has no use for. */
    record Other(int seq, int type) implements Reply {}

    /**
     * The messages in the first {@code length} bytes of {@code datagram}.
     *
     * @throws IllegalArgumentException if a length field points outside the datagram
     */
    static List<Reply> parse(byte[] datagram, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        List<Reply> replies = new ArrayList<>();
        int offset = 0;
        while (length - offset >= NLMSG_HEADER_BYTES) {
            int messageLength = buffer.getInt(offset);
            if (messageLength < NLMSG_HEADER_BYTES || messageLength > length - offset) {
                throw new IllegalArgumentException(
                        "netlink message of " + messageLength + " bytes at offset " + offset + " in " + length);
            }
            int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
            int seq = buffer.getInt(offset + 8);
            int payload = offset + NLMSG_HEADER_BYTES;
            int end = offset + messageLength;
            replies.add(
                    switch (type) {
                        case NLMSG_ERROR -> {
                            requireBytes(end - payload, 4, "NLMSG_ERROR");
                            // The kernel sends -errno; 0 acknowledges a request.
                            yield new Ack(seq, -buffer.getInt(payload));
                        }
                        case NLMSG_DONE -> new Done(seq);
                        case RTM_NEWLINK -> new LinkReply(seq, link(buffer, payload, end));
                        default -> new Other(seq, type);
                    });
            offset += Rtnl.align(messageLength);
        }
        return replies;
    }

    private static Link link(ByteBuffer buffer, int start, int end) {
        requireBytes(end - start, IFINFOMSG_BYTES, "RTM_NEWLINK");
        int index = buffer.getInt(start + 4);
        int flags = buffer.getInt(start + 8);
        String name = "";
        String mac = "";
        String kind = "";
        Boolean carrier = null;
        for (int at = start + IFINFOMSG_BYTES; end - at >= 4; ) {
            int length = Short.toUnsignedInt(buffer.getShort(at));
            int type = buffer.getShort(at + 2) & NLA_TYPE_MASK;
            if (length < 4 || length > end - at) {
                throw new IllegalArgumentException("netlink attribute of " + length + " bytes at offset " + at);
            }
            int value = at + 4;
            int valueLength = length - 4;
            switch (type) {
                case IFLA_IFNAME -> name = cString(buffer, value, valueLength);
                case IFLA_ADDRESS -> mac = Link.formatMac(bytes(buffer, value, valueLength));
                case IFLA_CARRIER -> carrier = valueLength >= 1 && buffer.get(value) != 0;
                case IFLA_LINKINFO -> kind = kind(buffer, value, value + valueLength);
                default -> {}
            }
            at += Rtnl.align(length);
        }
        boolean hasCarrier = carrier != null ? carrier : (flags & Link.IFF_LOWER_UP) != 0;
        return new Link(index, name, mac, kind, flags, hasCarrier);
    }

    /** {@code IFLA_INFO_KIND} inside the nested {@code IFLA_LINKINFO}. */
    private static String kind(ByteBuffer buffer, int start, int end) {
        for (int at = start; end - at >= 4; ) {
            int length = Short.toUnsignedInt(buffer.getShort(at));
            if (length < 4 || length > end - at) {
                throw new IllegalArgumentException("netlink attribute of " + length + " bytes at offset " + at);
            }
            if ((buffer.getShort(at + 2) & NLA_TYPE_MASK) == IFLA_INFO_KIND) {
                return cString(buffer, at + 4, length - 4);
            }
            at += Rtnl.align(length);
        }
        return "";
    }

    private static byte[] bytes(ByteBuffer buffer, int start, int length) {
        byte[] bytes = new byte[length];
        buffer.get(start, bytes);
        return bytes;
    }

    /** A NUL-terminated string attribute; the NUL and anything after it are dropped. */
    private static String cString(ByteBuffer buffer, int start, int length) {
        byte[] bytes = bytes(buffer, start, length);
        int nul = 0;
        while (nul < bytes.length && bytes[nul] != 0) {
            nul++;
        }
        return new String(Arrays.copyOf(bytes, nul), StandardCharsets.UTF_8);
    }

    private static void requireBytes(int available, int needed, String what) {
        if (available < needed) {
            throw new IllegalArgumentException(what + " of " + available + " bytes, expected at least " + needed);
        }
    }
}
