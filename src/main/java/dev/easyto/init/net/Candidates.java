package dev.easyto.init.net;

import java.util.Comparator;
import java.util.List;

/** The links that may be an ENI: what network bring-up configures or renames. */
public final class Candidates {
    /** Upstream's cap: more links than an instance type can attach ENIs is a misreading. */
    public static final int MAX = 16;

    /**
     * The one link kind that is accepted. On an instance, ENIs are ENA or virtio-net devices,
     * which register no rtnetlink kind, and every link with a kind was made by software (vlan,
     * bridge, bond, macvlan, macvtap, ipvlan, ipvtap, gre, gretap, ip6gre, ipip, sit, ip6tnl, vti,
     * vrf, wireguard, vxlan, geneve, dummy, tun and tap, and kinds not invented yet). veth is the
     * exception: the sandbox tests give their "instance" veth NICs, and nothing creates a veth on
     * an instance before its init has run.
     */
    static final String VETH = "veth";

    private Candidates() {}

    /** The candidates in ifindex order, at most {@link #MAX}: no loopback, an Ethernet MAC, no virtual kind. */
    public static List<Link> select(List<Link> links) {
        return links.stream()
                .filter(Candidates::isCandidate)
                .sorted(Comparator.comparingInt(Link::index))
                .limit(MAX)
                .toList();
    }

    static boolean isCandidate(Link link) {
        return !link.loopback()
                && !link.name().equals("lo")
                && link.hasEthernetMac()
                && (link.kind().isEmpty() || link.kind().equals(VETH));
    }
}
