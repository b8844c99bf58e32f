package dev.easyto.init.net;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.log.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Network bring-up as upstream's current release does it: loopback, then DHCP on the one
 * candidate link (named {@code eth0}), or with several ENIs, DHCP on the lowest-numbered one just
 * to reach IMDS, which says which MAC is which ENI; every candidate is then named
 * {@code eth<device-number>} and the primary ({@code eth0}) leased properly. Secondary ENIs are
 * left without an address. Nothing is persisted between boots: IMDS is the authority.
 */
public final class NetworkSetup {
    static final String PRIMARY = "eth0";
    static final String MACS = "network/interfaces/macs/";
    static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    /** Leases an address for a link; {@link #overUdp} on a machine. */
    @FunctionalInterface
    public interface Dhcp {
        DhcpLease acquire(Link link) throws IOException;
    }

    /** The interface the instance talks through, as configured. */
    public record Result(String interfaceName, Ipv4Address address, int prefixLength, Ipv4Address gateway) {}

    private final LinkControl links;
    private final Dhcp dhcp;
    private final ImdsClient imds;
    private final Path resolvConf;
    private final Duration carrierTimeout;

    public NetworkSetup(LinkControl links, Dhcp dhcp, ImdsClient imds, Path resolvConf, Duration carrierTimeout) {
        this.links = links;
        this.dhcp = dhcp;
        this.imds = imds;
        this.resolvConf = resolvConf;
        this.carrierTimeout = carrierTimeout;
    }

    /** Upstream's client on a UDP socket bound to the link, with {@code budget} for each exchange. */
    public static Dhcp overUdp(SocketCalls socketCalls, FileCalls fileCalls, Duration budget) {
        return link -> {
            try (UdpDhcpTransport transport = UdpDhcpTransport.open(socketCalls, fileCalls, link.name())) {
                return new DhcpClient(transport, budget).acquire(link.name(), link.macBytes());
            }
        };
    }

    public Result run() throws IOException {
        loopback();
        List<Link> all = links.links();
        List<Link> candidates = Candidates.select(all);
        if (candidates.isEmpty()) {
            throw new IOException("no network interface to configure; links: "
                    + all.stream().map(NetworkSetup::describe).collect(Collectors.joining(", ")));
        }
        if (candidates.size() == 1) {
            Link primary = rename(candidates.getFirst(), PRIMARY);
            return finish(primary, lease(primary));
        }
        return severalInterfaces(candidates);
    }

    /**
     * lo up with 127.0.0.1/8 and ::1/128. The kernel usually adds both when lo comes up, but not
     * to a lo that was already up, nor ::1 when IPv6 was disabled then and enabled later.
     */
    private void loopback() throws IOException {
        Link lo = links.links().stream()
                .filter(link -> link.loopback() || link.name().equals("lo"))
                .findFirst()
                .orElse(null);
        if (lo == null) {
            Console.warn("network: no loopback interface");
            return;
        }
        try {
            links.setUp(lo.index(), true);
            links.addAddress(lo.index(), Ipv4Address.parse("127.0.0.1"), 8, Rtnl.RT_SCOPE_HOST);
        } catch (NetlinkException e) {
            if (!e.is(Errno.EEXIST)) {
                throw new IOException("unable to set up " + lo.name() + ": " + e.getMessage(), e);
            }
        }
        loopback6(lo);
    }

    /**
     * ::1 on lo. Nothing the init does needs it, so no failure stops the boot: a kernel with IPv6
     * disabled (the sysctl, or {@code ipv6.disable=1}) is said as such, anything else as it is.
     */
    private void loopback6(Link lo) {
        try {
            links.addAddress6(lo.index(), IPV6_LOOPBACK, 128, Rtnl.RT_SCOPE_HOST);
        } catch (NetlinkException e) {
            if (e.is(Errno.EEXIST)) {
                return;
            }
            if (e.is(Errno.EACCES) || e.is(Errno.EAFNOSUPPORT) || e.is(Errno.EOPNOTSUPP)) {
                Console.warn("network: IPv6 is disabled, %s has no ::1 (%s)", lo.name(), Errno.name(e.errno()));
            } else {
                Console.warn("network: unable to add ::1 to %s: %s", lo.name(), e.getMessage());
            }
        } catch (IOException e) {
            Console.warn("network: unable to add ::1 to %s: %s", lo.name(), e.getMessage());
        }
    }

    private Result severalInterfaces(List<Link> candidates) throws IOException {
        Link bootstrap = candidates.getFirst();
        Console.info(
                "network: %d interfaces, leasing on %s (%s) to ask IMDS which is the primary",
                candidates.size(), bootstrap.name(), bootstrap.mac());
        DhcpLease bootstrapLease = lease(bootstrap);
        Map<String, Integer> deviceNumbers;
        try {
            deviceNumbers = deviceNumbers();
        } catch (IOException | RuntimeException e) {
            Console.warn(
                    "network: unable to map interfaces to ENIs through IMDS, keeping %s: %s",
                    bootstrap.name(), e.getMessage());
            if (!bootstrap.name().equals(PRIMARY)) {
                unapply(bootstrap, bootstrapLease);
                Link renamed = rename(bootstrap, PRIMARY);
                up(renamed);
                apply(renamed, bootstrapLease);
                bootstrap = renamed;
            }
            return finish(bootstrap, bootstrapLease);
        }
        Link primary = null;
        Map<Integer, String> wanted = new LinkedHashMap<>();
        for (Link candidate : candidates) {
            Integer number = deviceNumbers.get(candidate.mac());
            if (number == null) {
                Console.warn(
                        "network: %s (%s) is not an ENI of this instance in IMDS, left as it is",
                        candidate.name(), candidate.mac());
                continue;
            }
            Console.info("network: %s (%s) is ENI device %d", candidate.name(), candidate.mac(), number);
            wanted.put(candidate.index(), "eth" + number);
            if (number == 0) {
                primary = candidate;
            }
        }
        if (primary == null) {
            throw new IOException("no interface is ENI device 0 (NoPrimaryInterface); IMDS lists " + deviceNumbers
                    + ", the candidates are "
                    + candidates.stream().map(NetworkSetup::describe).collect(Collectors.joining(", ")));
        }
        List<InterfaceNames.Rename> renames = InterfaceNames.plan(names(links.links()), wanted);
        int primaryIndex = primary.index();
        // The bootstrap lease serves as the primary's when it was leased there and nothing renames
        // it: a second exchange would only ask the same server for the same address.
        boolean keepBootstrapLease = bootstrap.index() == primaryIndex
                && renames.stream().noneMatch(rename -> rename.index() == primaryIndex);
        if (!keepBootstrapLease) {
            unapply(bootstrap, bootstrapLease);
        }
        applyRenames(renames);
        Link named = links.link(primaryIndex);
        if (keepBootstrapLease) {
            return finish(named, bootstrapLease);
        }
        return finish(named, lease(named));
    }

    /** IMDS's ENIs: MAC to device number. */
    private Map<String, Integer> deviceNumbers() throws IOException {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (String line : imds.metadata(MACS).split("\n", -1)) {
            String mac = line.strip();
            if (mac.endsWith("/")) {
                mac = mac.substring(0, mac.length() - 1);
            }
            if (mac.length() != 17) {
                continue;
            }
            String number = imds.metadata(MACS + mac + "/device-number").strip();
            numbers.put(mac.toLowerCase(Locale.ROOT), Integer.parseInt(number));
        }
        if (numbers.isEmpty()) {
            throw new IOException("IMDS " + MACS + " lists no MAC address");
        }
        return numbers;
    }

    private DhcpLease lease(Link link) throws IOException {
        up(link);
        DhcpLease lease = dhcp.acquire(link);
        apply(link, lease);
        return lease;
    }

    private void up(Link link) throws IOException {
        try {
            links.setUp(link.index(), true);
        } catch (NetlinkException e) {
            throw new IOException("unable to bring up " + link.name() + ": " + e.getMessage(), e);
        }
        if (!links.waitForCarrier(link.index(), carrierTimeout)) {
            throw new IOException("no carrier on " + link.name() + " after " + carrierTimeout.toSeconds() + " s");
        }
    }

    private void apply(Link link, DhcpLease lease) throws IOException {
        mtu(link, lease);
        String address = lease.address() + "/" + lease.prefixLength();
        try {
            links.addAddress(link.index(), lease.address(), lease.prefixLength(), Rtnl.RT_SCOPE_UNIVERSE);
        } catch (NetlinkException e) {
            // Already there: an earlier attempt or whoever set the network up before the init.
            if (!e.is(Errno.EEXIST)) {
                throw new IOException("unable to add " + address + " to " + link.name() + ": " + e.getMessage(), e);
            }
        }
        try {
            links.replaceDefaultRoute(link.index(), lease.gateway());
        } catch (NetlinkException e) {
            throw new IOException(
                    "unable to route through " + lease.gateway() + " on " + link.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lease's MTU (option 26) on the link: 9001 in a VPC, where the link's own 1500 wastes
     * jumbo frames. A driver that refuses it leaves the link working at its own MTU, so that is
     * a warning only.
     */
    private void mtu(Link link, DhcpLease lease) {
        if (lease.mtu() == 0) {
            return;
        }
        try {
            links.setMtu(link.index(), lease.mtu());
            Console.info("network: %s mtu %d", link.name(), lease.mtu());
        } catch (IOException e) {
            Console.warn(
                    "network: unable to set mtu %d on %s, keeping its own: %s",
                    lease.mtu(), link.name(), e.getMessage());
        }
    }

    /** Removes a lease's route and address; what is already gone is no failure. */
    private void unapply(Link link, DhcpLease lease) throws IOException {
        try {
            links.deleteDefaultRoute(link.index(), lease.gateway());
        } catch (NetlinkException e) {
            if (!e.is(Errno.ESRCH)) {
                throw new IOException(
                        "unable to remove the default route from " + link.name() + ": " + e.getMessage(), e);
            }
        }
        try {
            links.deleteAddress(link.index(), lease.address(), lease.prefixLength());
        } catch (NetlinkException e) {
            if (!e.is(Errno.EADDRNOTAVAIL)) {
                throw new IOException(
                        "unable to remove " + lease.address() + " from " + link.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Gives {@code link} the name {@code name}, moving a link that has it aside; returns it as renamed. */
    private Link rename(Link link, String name) throws IOException {
        applyRenames(InterfaceNames.plan(names(links.links()), Map.of(link.index(), name)));
        return links.link(link.index());
    }

    private void applyRenames(List<InterfaceNames.Rename> renames) throws IOException {
        for (InterfaceNames.Rename rename : renames) {
            try {
                if (links.link(rename.index()).up()) {
                    links.setUp(rename.index(), false);
                }
                links.rename(rename.index(), rename.to());
            } catch (NetlinkException e) {
                throw new IOException(
                        "unable to rename " + rename.from() + " to " + rename.to() + ": " + e.getMessage(), e);
            }
            Console.info("network: renamed %s to %s", rename.from(), rename.to());
        }
    }

    private Result finish(Link link, DhcpLease lease) {
        Console.info("network: %s %s/%d via %s", link.name(), lease.address(), lease.prefixLength(), lease.gateway());
        try {
            if (ResolvConf.write(resolvConf, lease)) {
                Console.info("network: wrote %s", resolvConf);
            }
        } catch (IOException e) {
            // As upstream: the instance is reachable without it, and IMDS needs no name lookups.
            Console.warn("network: unable to write %s: %s", resolvConf, e.getMessage());
        }
        return new Result(link.name(), lease.address(), lease.prefixLength(), lease.gateway());
    }

    private static Map<Integer, String> names(List<Link> links) {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (Link link : links) {
            names.put(link.index(), link.name());
        }
        return names;
    }

    private static String describe(Link link) {
        String kind = link.kind().isEmpty() ? "" : " " + link.kind();
        String mac = link.mac().isEmpty() ? "" : " " + link.mac();
        return link.name() + kind + mac;
    }
}
