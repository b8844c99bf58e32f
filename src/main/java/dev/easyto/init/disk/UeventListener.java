package dev.easyto.init.disk;

import static dev.easyto.init.linux.LinuxConstants.AF_NETLINK;
import static dev.easyto.init.linux.LinuxConstants.MSG_DONTWAIT;
import static dev.easyto.init.linux.LinuxConstants.NETLINK_KOBJECT_UEVENT;
import static dev.easyto.init.linux.LinuxConstants.POLLIN;
import static dev.easyto.init.linux.LinuxConstants.SOCK_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SOCK_DGRAM;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import dev.easyto.init.process.InitThreads;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The kernel's uevents: a {@code NETLINK_KOBJECT_UEVENT} datagram socket bound to multicast group
 * 1, where the kernel itself sends (udev's rebroadcasts go to group 2, and only a process with
 * {@code CAP_NET_ADMIN} may send to group 1). {@link #start} reads them on an init thread for the
 * rest of the init's life; there is no udev to do it.
 */
public final class UeventListener implements AutoCloseable {
    /** A uevent is at most a few KiB (the kernel's environment buffer is 2 KiB); twice over. */
    private static final int RECEIVE_BYTES = 8192;

    /** {@code struct sockaddr_nl}: family, pad, port id 0 (the kernel picks), groups = 1. */
    private static final byte[] KERNEL_EVENTS = {AF_NETLINK, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0};

    private final SocketCalls socketCalls;
    private final FileCalls fileCalls;
    private final int fd;
    private final byte[] buffer = new byte[RECEIVE_BYTES];

    private UeventListener(SocketCalls socketCalls, FileCalls fileCalls, int fd) {
        this.socketCalls = socketCalls;
        this.fileCalls = fileCalls;
        this.fd = fd;
    }

    /** The socket, bound: events from now on are queued for it. */
    public static UeventListener open(SocketCalls socketCalls, FileCalls fileCalls) {
        int fd = socketCalls.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
        UeventListener listener = new UeventListener(socketCalls, fileCalls, fd);
        try {
            socketCalls.bind(fd, KERNEL_EVENTS);
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    /**
     * The next datagram as an event, waiting at most {@code timeoutMillis} (-1: no limit); empty
     * when the time ran out or the datagram was no event.
     */
    public Optional<Uevent> receive(int timeoutMillis) {
        if (timeoutMillis >= 0 && socketCalls.poll(fd, POLLIN, timeoutMillis) == 0) {
            return Optional.empty();
        }
        int flags = timeoutMillis >= 0 ? MSG_DONTWAIT : 0;
        long received;
        try {
            received = socketCalls.recv(fd, buffer, flags);
        } catch (SyscallException e) {
            if (e.is(Errno.EAGAIN)) {
                return Optional.empty();
            }
            throw e;
        }
        return Uevent.parse(buffer, (int) Math.min(received, buffer.length));
    }

    /**
     * Hands every event to {@code handler} on the init thread {@code uevents}, until the socket
     * fails. A full receive queue (ENOBUFS: events lost) is reported and reading goes on; an
     * exception from the handler is reported and the next event read. An Error ends the thread,
     * which PID 1 notices as the death of one of its threads.
     */
    public void start(Consumer<Uevent> handler) {
        InitThreads.daemon("uevents", () -> listen(handler)).start();
    }

    private void listen(Consumer<Uevent> handler) {
        while (true) {
            Optional<Uevent> event;
            try {
                event = receive(-1);
            } catch (SyscallException e) {
                if (e.is(Errno.ENOBUFS) || e.is(Errno.EINTR)) {
                    Console.warn("uevents: %s; devices added meanwhile may lack their EC2 names", e.getMessage());
                    continue;
                }
                Console.error("uevents: listener stopped: %s", e.getMessage());
                close();
                return;
            }
            try {
                event.ifPresent(handler);
            } catch (RuntimeException e) {
                Console.error("uevents: %s", Failures.describe(e));
            }
        }
    }

    @Override
    public void close() {
        try {
            fileCalls.close(fd);
        } catch (SyscallException e) {
            Console.debug("uevents: %s", e.getMessage());
        }
    }
}
