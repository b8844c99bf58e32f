package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    static Link link(int index, String name, String mac, String kind) {
        return new Link(index, name, mac, kind, 0x1002, false);
    }

    @Test
    void physicalAndVethLinksWithAnEthernetMacInIndexOrder() {
        List<Link> links = List.of(
                link(5, "ens6", "0a:00:00:00:00:06", ""),
                new Link(1, "lo", "00:00:00:00:00:00", "", 0x8, true),
                link(3, "eth0", "52:54:00:12:34:56", "veth"),
                link(4, "br0", "0a:00:00:00:00:04", "bridge"),
                link(2, "ens5", "0a:00:00:00:00:05", ""));
        assertEquals(
                List.of("ens5", "eth0", "ens6"),
                Candidates.select(links).stream().map(Link::name).toList());
    }

    @Test
    void virtualKindsAreNotCandidates() {
        for (String kind : List.of(
                "vlan",
                "bridge",
                "bond",
                "team",
                "macvlan",
                "macvtap",
                "ipvlan",
                "ipvtap",
                "gre",
                "gretap",
                "ip6gre",
                "ip6gretap",
                "ipip",
                "sit",
                "ip6tnl",
                "vti",
                "vti6",
                "vrf",
                "wireguard",
                "vxlan",
                "geneve",
                "dummy",
                "tun",
                "netkit",
                "something-new")) {
            assertFalse(Candidates.isCandidate(link(2, "x0", "0a:00:00:00:00:01", kind)), kind);
        }
        assertTrue(Candidates.isCandidate(link(2, "x0", "0a:00:00:00:00:01", "")));
        assertTrue(Candidates.isCandidate(link(2, "x0", "0a:00:00:00:00:01", "veth")));
    }

    @Test
    void linksWithoutAnEthernetMacAndLoopbacksAreNotCandidates() {
        assertFalse(Candidates.isCandidate(link(2, "wg0", "", "")), "no hardware address (tun, wireguard)");
        assertFalse(Candidates.isCandidate(link(2, "ib0", "80:00:00:48:fe:80:00:00:00:00:00:00", "")), "20-byte");
        assertFalse(Candidates.isCandidate(new Link(1, "lo", "00:00:00:00:00:00", "", 0x8, true)));
        assertFalse(Candidates.isCandidate(link(1, "lo", "00:00:00:00:00:00", "")), "lo by name");
        assertFalse(Candidates.isCandidate(new Link(7, "lo2", "00:00:00:00:00:00", "", 0x8, true)), "IFF_LOOPBACK");
    }

    @Test
    void atMost16() {
        List<Link> links = new ArrayList<>();
        for (int index = 40; index > 2; index--) {
            links.add(link(index, "ens" + index, String.format("0a:00:00:00:00:%02x", index), ""));
        }
        List<Link> candidates = Candidates.select(links);
        assertEquals(16, candidates.size());
        assertEquals(3, candidates.getFirst().index());
        assertEquals(18, candidates.getLast().index());
    }
}
