package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The client's exchange against a scripted server: what it sends, when, and what it accepts. */
class DhcpClientTest {
    static final byte[] MAC = Hex.bytes("525400123456");
    static final String MAC_TEXT = "52:54:00:12:34:56";
    static final Ipv4Address OFFERED = Ipv4Address.parse("10.0.2.15");
    static final Ipv4Address SERVER = Ipv4Address.parse("10.0.2.2");

    /** Answers each packet the client sends with what {@code server} returns for it. */
    static final class ScriptedTransport implements DhcpClient.Transport {
        final List<DhcpMessage> sent = new ArrayList<>();
        final List<Long> sentAtNanos = new ArrayList<>();
        private final Deque<byte[]> pending = new ArrayDeque<>();
        private final Function<DhcpMessage, List<byte[]>> server;

        ScriptedTransport(Function<DhcpMessage, List<byte[]>> server) {
            this.server = server;
        }

        @Override
        public void send(byte[] packet) {
            DhcpMessage message = DhcpMessage.decode(packet, packet.length);
            sent.add(message);
            sentAtNanos.add(System.nanoTime());
            pending.addAll(server.apply(message));
        }

        @Override
        public byte[] receive(long timeoutMillis) throws java.io.InterruptedIOException {
            if (!pending.isEmpty()) {
                return pending.poll();
            }
            try {
                Thread.sleep(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            return null;
        }

        @Override
        public void close() {}

        List<Integer> sentTypes() {
            return sent.stream().map(DhcpMessage::messageType).toList();
        }
    }

    /** A server reply to {@code request}: the options of a full lease with message type {@code type}. */
    static byte[] reply(DhcpMessage request, int type) {
        return reply(request.xid(), MAC_TEXT, type, "36 04 0a000202");
    }

    static byte[] reply(int xid, String mac, int type, String extraOptions) {
        String options = "35 01 0" + type + extraOptions + "01 04 ffffff00" + "03 04 0a000202" + "06 04 0a000203"
                + "0f 0c 6563322e696e7465726e616c" + "ff";
        String header = "02 01 06 00" + String.format("%08x", xid) + "0000 8000" + "00000000" + "0a00020f" + "0a000202"
                + "00000000" + mac.replace(":", "") + Hex.zeros(10 + 192) + "63825363";
        return Hex.bytes(header + options);
    }

    static DhcpClient client(ScriptedTransport transport, Duration budget) {
        AtomicInteger xids = new AtomicInteger(0x1000);
        return new DhcpClient(transport, budget, xids::incrementAndGet);
    }

    @Test
    void discoverOfferRequestAck() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(message -> switch (message.messageType()) {
            case DhcpMessage.DISCOVER -> List.of(reply(message, DhcpMessage.OFFER));
            case DhcpMessage.REQUEST -> List.of(reply(message, DhcpMessage.ACK));
            default -> List.of();
        });
        DhcpLease lease = client(transport, Duration.ofSeconds(5)).acquire("eth0", MAC);
        assertEquals(
                new DhcpLease(
                        "eth0",
                        OFFERED,
                        24,
                        SERVER,
                        List.of(Ipv4Address.parse("10.0.2.3")),
                        "ec2.internal",
                        List.of(),
                        SERVER,
                        0,
                        0),
                lease);
        assertEquals(List.of(DhcpMessage.DISCOVER, DhcpMessage.REQUEST), transport.sentTypes());
        DhcpMessage request = transport.sent.get(1);
        assertEquals(transport.sent.getFirst().xid(), request.xid(), "one xid for the exchange");
        assertEquals(
                OFFERED,
                request.options().address(DhcpOptions.REQUESTED_ADDRESS).orElseThrow());
        assertEquals(SERVER, request.options().address(DhcpOptions.SERVER_ID).orElseThrow());
        assertArrayEquals(
                DhcpMessage.REQUESTED_PARAMETERS,
                request.options().bytes(DhcpOptions.PARAMETER_REQUEST_LIST).orElseThrow());
    }

    @Test
    void retransmitsAfter200MsThenTwiceAsLong() throws Exception {
        AtomicInteger discovers = new AtomicInteger();
        ScriptedTransport transport = new ScriptedTransport(message -> {
            if (message.messageType() == DhcpMessage.DISCOVER) {
                // The first two are lost.
                return discovers.incrementAndGet() < 3 ? List.of() : List.of(reply(message, DhcpMessage.OFFER));
            }
            return List.of(reply(message, DhcpMessage.ACK));
        });
        client(transport, Duration.ofSeconds(5)).acquire("eth0", MAC);
        assertEquals(
                List.of(DhcpMessage.DISCOVER, DhcpMessage.DISCOVER, DhcpMessage.DISCOVER, DhcpMessage.REQUEST),
                transport.sentTypes());
        long firstGap = (transport.sentAtNanos.get(1) - transport.sentAtNanos.get(0)) / 1_000_000;
        long secondGap = (transport.sentAtNanos.get(2) - transport.sentAtNanos.get(1)) / 1_000_000;
        // Jittered between half and all of 200 ms, then of 400 ms; lower bounds exact, upper ones
        // loose enough for a busy machine.
        assertTrue(firstGap >= 95 && firstGap < 395, "first retransmission after " + firstGap + " ms");
        assertTrue(secondGap >= 195 && secondGap < 1000, "second retransmission after " + secondGap + " ms");
    }

    @Test
    void theScheduleDoublesUpTo4SecondsJittered() {
        List<Long> ceilings = new ArrayList<>();
        DhcpClient client = client(new ScriptedTransport(message -> List.of()), Duration.ofSeconds(15));
        for (int attempt = 0; attempt < 8; attempt++) {
            long ceiling = RetryPolicy.DHCP.backoffCeiling(attempt).toMillis();
            ceilings.add(ceiling);
            long delay = client.retransmitDelayMillis(attempt);
            assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " ms for attempt " + attempt);
        }
        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 4000L, 4000L, 4000L), ceilings);
        assertTrue(client.retransmitDelayMillis(Integer.MAX_VALUE) <= 4000L);
    }

    @Test
    void repliesForOthersAreIgnored() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(message -> switch (message.messageType()) {
            case DhcpMessage.DISCOVER ->
                List.of(
                        reply(message.xid() + 1, MAC_TEXT, DhcpMessage.OFFER, "36 04 0a000202"), // another exchange
                        reply(message.xid(), "52:54:00:12:34:57", DhcpMessage.OFFER, "36 04 0a000202"), // another NIC
                        reply(message.xid(), MAC_TEXT, DhcpMessage.OFFER, ""), // no server id
                        reply(message.xid(), MAC_TEXT, DhcpMessage.ACK, "36 04 0a000202"), // not an offer
                        Hex.bytes("0102"), // not DHCP at all
                        reply(message.xid(), MAC_TEXT, DhcpMessage.OFFER, "36 04 0a000209"));
            case DhcpMessage.REQUEST ->
                List.of(
                        reply(message.xid() + 1, MAC_TEXT, DhcpMessage.ACK, "36 04 0a000209"),
                        reply(message.xid(), MAC_TEXT, DhcpMessage.ACK, "36 04 0a000209"));
            default -> List.of();
        });
        DhcpLease lease = client(transport, Duration.ofSeconds(5)).acquire("eth0", MAC);
        assertEquals(Ipv4Address.parse("10.0.2.9"), lease.server());
        assertEquals(List.of(DhcpMessage.DISCOVER, DhcpMessage.REQUEST), transport.sentTypes());
        assertEquals(
                Ipv4Address.parse("10.0.2.9"),
                transport.sent.get(1).options().address(DhcpOptions.SERVER_ID).orElseThrow(),
                "the request names the server of the offer taken");
    }

    @Test
    void aNakStartsOverWithANewXid() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        ScriptedTransport transport = new ScriptedTransport(message -> switch (message.messageType()) {
            case DhcpMessage.DISCOVER -> List.of(reply(message, DhcpMessage.OFFER));
            case DhcpMessage.REQUEST ->
                List.of(reply(message, requests.incrementAndGet() == 1 ? DhcpMessage.NAK : DhcpMessage.ACK));
            default -> List.of();
        });
        client(transport, Duration.ofSeconds(5)).acquire("eth0", MAC);
        assertEquals(
                List.of(DhcpMessage.DISCOVER, DhcpMessage.REQUEST, DhcpMessage.DISCOVER, DhcpMessage.REQUEST),
                transport.sentTypes());
        assertTrue(transport.sent.get(2).xid() != transport.sent.get(0).xid());
    }

    @Test
    void noOfferOrNoAckWithinTheBudget() {
        ScriptedTransport silent = new ScriptedTransport(message -> List.of());
        DhcpException noOffer = assertThrows(
                DhcpException.class,
                () -> client(silent, Duration.ofMillis(1100)).acquire("eth0", MAC));
        assertEquals("no DHCP offer on eth0 within 1100 ms", noOffer.getMessage());
        // At 0, after 100-200 ms, then 200-400 ms later, then 400-800 ms later (jittered): at
        // least 3 and at most 4 sends fit in 1100 ms (the fifth would come 800-1600 ms later).
        assertTrue(silent.sent.size() >= 3 && silent.sent.size() <= 4, silent.sent.size() + " sends");

        ScriptedTransport offersOnly = new ScriptedTransport(message ->
                message.messageType() == DhcpMessage.DISCOVER ? List.of(reply(message, DhcpMessage.OFFER)) : List.of());
        DhcpException noAck = assertThrows(
                DhcpException.class,
                () -> client(offersOnly, Duration.ofSeconds(1)).acquire("eth1", MAC));
        assertEquals("no DHCP ack on eth1 within 1 s", noAck.getMessage());
    }
}
