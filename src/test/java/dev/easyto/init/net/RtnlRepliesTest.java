package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.net.RtnlReplies.Ack;
import dev.easyto.init.net.RtnlReplies.Done;
import dev.easyto.init.net.RtnlReplies.LinkReply;
import dev.easyto.init.net.RtnlReplies.Reply;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replies captured from a 6.18 kernel (src/test/resources/net): a link dump of a namespace with
 * lo, a veth {@code ens5} (up, peer up) and a bridge {@code br9}, split over three datagrams as the
 * kernel sent it; one link; an unknown index; an acknowledgement.
 */
class RtnlRepliesTest {
    /** Flags: lo LOOPBACK (down); ens5 UP, BROADCAST, MULTICAST, LOWER_UP; br9 BROADCAST, MULTICAST, and without carrier. */
    @Test
    void linkDump() {
        List<Reply> first = parse("rtnl-dump-0.hex");
        assertEquals(
                List.of(
                        new LinkReply(7, new Link(1, "lo", "00:00:00:00:00:00", "", 0x8, true)),
                        new LinkReply(7, new Link(2, "ens5", "52:54:00:12:34:56", "veth", 0x11003, true))),
                first);
        List<Reply> second = parse("rtnl-dump-1.hex");
        assertEquals(
                List.of(new LinkReply(7, new Link(3, "br9", "02:00:00:00:00:09", "bridge", 0x1002, false))), second);
        assertEquals(List.of(new Done(7)), parse("rtnl-dump-2.hex"));
    }

    @Test
    void oneLink() {
        List<Reply> replies = parse("rtnl-get-link-ens5.hex");
        assertEquals(1, replies.size());
        Link link = ((LinkReply) replies.getFirst()).link();
        assertEquals(8, replies.getFirst().seq());
        assertEquals("ens5", link.name());
        assertEquals(true, link.up());
        assertEquals(false, link.loopback());
        assertEquals(true, link.hasEthernetMac());
    }

    @Test
    void errorsAndAcknowledgements() {
        assertEquals(List.of(new Ack(9, Errno.ENODEV)), parse("rtnl-get-link-99-enodev.hex"));
        assertEquals(List.of(new Ack(10, 0)), parse("rtnl-set-up-ack.hex"));
    }

    @Test
    void carrierFallsBackToLowerUpAndUnknownTypesAreSkipped() {
        // An RTM_NEWLINK without IFLA_CARRIER, flags UP|LOWER_UP, then an RTM_NEWADDR (20).
        byte[] datagram = Hex.bytes("20000000 1000 0000 05000000 00000000" + "00 00 0000 04000000 01000100 00000000"
                + "18000000 1400 0000 05000000 00000000" + "02 18 00 00 04000000");
        assertEquals(
                List.of(new LinkReply(5, new Link(4, "", "", "", 0x10001, true)), new RtnlReplies.Other(5, 20)),
                RtnlReplies.parse(datagram, datagram.length));
    }

    @Test
    void malformedLengthsAreRejected() {
        byte[] datagram = Hex.resource("rtnl-get-link-ens5.hex");
        // Cut short: the header's length now points past the end.
        assertThrows(IllegalArgumentException.class, () -> RtnlReplies.parse(datagram, datagram.length - 8));
        byte[] tooShort = Arrays.copyOf(datagram, datagram.length);
        tooShort[0] = 8;
        tooShort[1] = 0;
        assertThrows(IllegalArgumentException.class, () -> RtnlReplies.parse(tooShort, tooShort.length));
        // An attribute claiming more than its message holds.
        byte[] badAttribute = Hex.bytes("24000000 1000 0000 05000000 00000000" + "00 00 0000 04000000 00000000 00000000"
                + "4000 0300 65746830");
        assertThrows(IllegalArgumentException.class, () -> RtnlReplies.parse(badAttribute, badAttribute.length));
    }

    private static List<Reply> parse(String resource) {
        byte[] datagram = Hex.resource(resource);
        return RtnlReplies.parse(datagram, datagram.length);
    }
}
