package dev.easyto.init.net;

import static dev.easyto.init.linux.LinuxConstants.AF_NETLINK;
import static dev.easyto.init.linux.LinuxConstants.NETLINK_ROUTE;
import static dev.easyto.init.linux.LinuxConstants.POLLIN;
import static dev.easyto.init.linux.LinuxConstants.SOCK_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SOCK_RAW;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.net.RtnlReplies.Ack;
import dev.easyto.init.net.RtnlReplies.Done;
import dev.easyto.init.net.RtnlReplies.LinkReply;
import dev.easyto.init.net.RtnlReplies.Reply;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * An {@code AF_NETLINK}/{@code NETLINK_ROUTE} socket and the requests of {@link LinkControl} over
 * it, one at a time: each request carries its own sequence number and the replies are read until
 * the one that ends it. Not for concurrent use.
 */
public final class RtNetlink implements LinkControl, AutoCloseable {
    /** Large enough for any dump datagram: the kernel fills at most 32 KiB per read. */
    private static final int RECEIVE_BYTES = 64 * 1024;

    /** The kernel answers at once; a reply this late will not come. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);

    private static final long CARRIER_POLL_FIRST_MS = 10;
    private static final long CARRIER_POLL_MAX_MS = 100;

    private final SocketCalls socketCalls;
    private final FileCalls fileCalls;
    private final int fd;
    private final byte[] receiveBuffer = new byte[RECEIVE_BYTES];
    private int seq;

    /**
     * {@code struct sockaddr_nl} of the kernel: family (host order), pad, port id 0, no multicast
     * groups. Also what the socket binds to: port id 0 there lets the kernel pick one.
     */
    private static final byte[] KERNEL = {AF_NETLINK, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private RtNetlink(SocketCalls socketCalls, FileCalls fileCalls, int fd) {
        this.socketCalls = socketCalls;
        this.fileCalls = fileCalls;
        this.fd = fd;
        this.seq = (int) (System.nanoTime() & 0x3FFF_FFFF);
    }

    public static RtNetlink open(SocketCalls socketCalls, FileCalls fileCalls) {
        int fd = socketCalls.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        RtNetlink socket = new RtNetlink(socketCalls, fileCalls, fd);
        try {
            // Port id 0: the kernel picks one, so several sockets in one process do not collide.
            socketCalls.bind(fd, KERNEL);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    @Override
    public List<Link> links() throws IOException {
        int id = nextSeq();
        List<Link> links = new ArrayList<>();
        for (Reply reply : exchange("dump links", RtnlRequests.getLinks(id), id, Done.class::isInstance)) {
            if (reply instanceof LinkReply linkReply) {
                links.add(linkReply.link());
            }
        }
        return links;
    }

    @Override
    public Link link(int index) throws IOException {
        int id = nextSeq();
        List<Reply> replies =
                exchange("get link " + index, RtnlRequests.getLink(id, index), id, LinkReply.class::isInstance);
        return ((LinkReply) replies.getLast()).link();
    }

    @Override
    public void setUp(int index, boolean up) throws IOException {
        int id = nextSeq();
        acknowledged("set link " + index + (up ? " up" : " down"), RtnlRequests.setUp(id, index, up), id);
    }

    @Override
    public void rename(int index, String name) throws IOException {
        int id = nextSeq();
        acknowledged("rename link " + index + " to " + name, RtnlRequests.rename(id, index, name), id);
    }

    @Override
    public void addAddress(int index, Ipv4Address address, int prefixLength, int scope) throws IOException {
        int id = nextSeq();
        acknowledged(
                "add " + address + "/" + prefixLength + " to link " + index,
                RtnlRequests.addAddress(id, index, address, prefixLength, scope),
                id);
    }

    @Override
    public void deleteAddress(int index, Ipv4Address address, int prefixLength) throws IOException {
        int id = nextSeq();
        acknowledged(
                "delete " + address + "/" + prefixLength + " from link " + index,
                RtnlRequests.deleteAddress(id, index, address, prefixLength),
                id);
    }

    @Override
    public void addAddress6(int index, byte[] address, int prefixLength, int scope) throws IOException {
        int id = nextSeq();
        acknowledged(
                "add IPv6 address /" + prefixLength + " to link " + index,
                RtnlRequests.addAddress6(id, index, address, prefixLength, scope),
                id);
    }

    @Override
    public void setMtu(int index, int mtu) throws IOException {
        int id = nextSeq();
        acknowledged("set mtu " + mtu + " on link " + index, RtnlRequests.setMtu(id, index, mtu), id);
    }

    @Override
    public void replaceDefaultRoute(int index, Ipv4Address gateway) throws IOException {
        int id = nextSeq();
        acknowledged(
                "set default route via " + gateway + " on link " + index,
                RtnlRequests.replaceDefaultRoute(id, index, gateway),
                id);
    }

    @Override
    public void deleteDefaultRoute(int index, Ipv4Address gateway) throws IOException {
        int id = nextSeq();
        acknowledged(
                "delete default route via " + gateway + " on link " + index,
                RtnlRequests.deleteDefaultRoute(id, index, gateway),
                id);
    }

    /**
     * Polls the link's state rather than listening for link events: carrier normally follows
     * "up" within milliseconds, and a poll cannot miss an event that came before it listened.
     */
    @Override
    public boolean waitForCarrier(int index, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = CARRIER_POLL_FIRST_MS;
        while (true) {
            if (link(index).carrier()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleep(Math.min(pause, left / 1_000_000 + 1));
            pause = Math.min(pause * 2, CARRIER_POLL_MAX_MS);
        }
    }

    @Override
    public void close() {
        fileCalls.close(fd);
    }

    private int nextSeq() {
        seq = (seq + 1) & 0x7FFF_FFFF;
        return seq;
    }

    private void acknowledged(String what, byte[] request, int id) throws IOException {
        exchange(what, request, id, reply -> reply instanceof Ack);
    }

    /**
     * Sends {@code request} and collects the replies with its sequence number up to the first that
     * {@code last} accepts. Replies to earlier requests (a late acknowledgement) are skipped.
     *
     * @throws NetlinkException if the kernel answers with an error
     */
    private List<Reply> exchange(String what, byte[] request, int id, Predicate<Reply> last) throws IOException {
        socketCalls.sendto(fd, request, 0, KERNEL);
        List<Reply> replies = new ArrayList<>();
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || socketCalls.poll(fd, POLLIN, (int) Math.max(1, left / 1_000_000)) == 0) {
                throw new IOException(what + ": no answer from the kernel within " + REPLY_TIMEOUT.toSeconds() + " s");
            }
            int length = (int) socketCalls.recv(fd, receiveBuffer, 0);
            byte[] datagram = Arrays.copyOf(receiveBuffer, length);
            for (Reply reply : RtnlReplies.parse(datagram, length)) {
                if (reply.seq() != id) {
                    continue;
                }
                if (reply instanceof Ack ack && ack.errno() != 0) {
                    throw new NetlinkException(what, ack.errno());
                }
                replies.add(reply);
                if (last.test(reply)) {
                    return replies;
                }
            }
        }
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for carrier");
        }
    }
}
