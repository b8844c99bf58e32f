package dev.easyto.init.net;

import dev.easyto.init.log.Console;
import dev.easyto.init.retry.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * One DHCPv4 exchange (upstream's client): DISCOVER until the first OFFER with this exchange's xid
 * and a server id, then REQUEST that offer until the first ACK. A message is sent again after the
 * backoff of {@link RetryPolicy#DHCP} without an answer (about 200 ms, then twice as long each
 * time up to 4 s, jittered so that a rack of instances does not retransmit in step), all within
 * one budget, the policy's deadline (upstream: 15 s): a server that answers late, or only starts
 * after the init, is still heard. No renewal, no release: the lease is kept as long as the
 * machine runs.
 */
public final class DhcpClient {

    /** How the messages travel; {@link UdpDhcpTransport} on a machine. */
    public interface Transport extends AutoCloseable {
        void send(byte[] packet) throws IOException;

        /** The next datagram, or null if none came within {@code timeoutMillis}. */
        byte[] receive(long timeoutMillis) throws IOException;

        @Override
        void close();
    }

    private final Transport transport;
    private final RetryPolicy policy;
    private final Duration budget;
    private final IntSupplier xids;

    /** An exchange under {@link RetryPolicy#DHCP} with {@code budget} as its deadline (configured). */
    public DhcpClient(Transport transport, Duration budget) {
        this(transport, budget, () -> ThreadLocalRandom.current().nextInt());
    }

    DhcpClient(Transport transport, Duration budget, IntSupplier xids) {
        this.transport = transport;
        this.policy = RetryPolicy.DHCP.withDeadline(budget);
        this.budget = budget;
        this.xids = xids;
    }

    /** The wait before sending attempt {@code attempt + 1} (0-based): the policy's jittered backoff. */
    long retransmitDelayMillis(int attempt) {
        return policy.backoff(attempt).toMillis();
    }

    /**
     * Leases an address for the interface {@code interfaceName} with hardware address {@code mac}.
     *
     * @throws DhcpException if no offer or no acknowledgement came within the budget, or the ACK
     *     lacks what the init needs
     */
    public DhcpLease acquire(String interfaceName, byte[] mac) throws IOException {
        String expectedMac = Link.formatMac(mac);
        long deadline = System.nanoTime() + budget.toNanos();
        int xid = xids.getAsInt();
        DhcpMessage offer = null;
        byte[] outgoing = DhcpMessage.discover(mac, xid);
        int attempt = 0;
        transport.send(outgoing);
        long resendAt = System.nanoTime() + retransmitDelayMillis(attempt) * 1_000_000;
        while (true) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new DhcpException("no DHCP " + (offer == null ? "offer" : "ack") + " on " + interfaceName
                        + " within " + describe(budget));
            }
            if (now - resendAt >= 0) {
                attempt++;
                transport.send(outgoing);
                resendAt = now + retransmitDelayMillis(attempt) * 1_000_000;
                continue;
            }
            long wait = (Math.min(resendAt - now, deadline - now) + 999_999) / 1_000_000;
            byte[] datagram = transport.receive(Math.max(1, wait));
            if (datagram == null) {
                continue;
            }
            DhcpMessage reply;
            try {
                reply = DhcpMessage.decode(datagram, datagram.length);
            } catch (IllegalArgumentException e) {
                Console.debug("dhcp: %s: ignoring a datagram: %s", interfaceName, e.getMessage());
                continue;
            }
            if (reply.op() != DhcpMessage.BOOTREPLY
                    || reply.xid() != xid
                    || !reply.clientMac().equals(expectedMac)) {
                continue;
            }
            if (offer == null) {
                var server = reply.options().address(DhcpOptions.SERVER_ID);
                if (reply.messageType() != DhcpMessage.OFFER || server.isEmpty()) {
                    continue;
                }
                offer = reply;
                Console.debug("dhcp: %s: offer of %s from %s", interfaceName, reply.yourAddress(), server.get());
                outgoing = DhcpMessage.request(mac, xid, reply.yourAddress(), server.get());
                attempt = 0;
                transport.send(outgoing);
                resendAt = System.nanoTime() + retransmitDelayMillis(attempt) * 1_000_000;
            } else if (reply.messageType() == DhcpMessage.ACK) {
                Ipv4Address server =
                        offer.options().address(DhcpOptions.SERVER_ID).orElseThrow();
                return DhcpLease.fromAck(interfaceName, reply, server);
            } else if (reply.messageType() == DhcpMessage.NAK) {
                // Upstream ignores a NAK and times out; starting over can still succeed in the budget.
                Console.warn("dhcp: %s: the server declined %s, asking again", interfaceName, offer.yourAddress());
                offer = null;
                xid = xids.getAsInt();
                outgoing = DhcpMessage.discover(mac, xid);
                attempt = 0;
                transport.send(outgoing);
                resendAt = System.nanoTime() + retransmitDelayMillis(attempt) * 1_000_000;
            }
        }
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
