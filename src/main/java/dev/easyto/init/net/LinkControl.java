package dev.easyto.init.net;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What network bring-up does to links, addresses and routes: rtnetlink, or a fake in tests. Closed
 * when bring-up is done, which releases rtnetlink's socket; a fake holds nothing.
 */
public interface LinkControl extends AutoCloseable {

    @Override
    default void close() {}

    /** Every link of the network namespace, in the kernel's order. */
    List<Link> links() throws IOException;

    Link link(int index) throws IOException;

    void setUp(int index, boolean up) throws IOException;

    /** The link must be down. */
    void rename(int index, String name) throws IOException;

    /** Fails with {@code EEXIST} if the link already has the address. */
    void addAddress(int index, Ipv4Address address, int prefixLength, int scope) throws IOException;

    void deleteAddress(int index, Ipv4Address address, int prefixLength) throws IOException;

    /**
     * Adds an IPv6 address (16 bytes); fails with {@code EEXIST} if the link has it, and with
     * {@code EACCES}, {@code EAFNOSUPPORT} or {@code EOPNOTSUPP} where IPv6 is disabled.
     */
    void addAddress6(int index, byte[] address, int prefixLength, int scope) throws IOException;

    /** {@code ip link set dev X mtu N}; the driver refuses an MTU it cannot carry ({@code EINVAL}). */
    void setMtu(int index, int mtu) throws IOException;

    /** The main table's default route becomes {@code via gateway dev index}, whatever it was. */
    void replaceDefaultRoute(int index, Ipv4Address gateway) throws IOException;

    void deleteDefaultRoute(int index, Ipv4Address gateway) throws IOException;

    /** Waits until the link has carrier; false if it has none after {@code timeout}. */
    boolean waitForCarrier(int index, Duration timeout) throws IOException;
}
