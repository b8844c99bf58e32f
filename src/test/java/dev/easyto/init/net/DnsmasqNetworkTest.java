package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.linux.ffm.Ffm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing in network namespaces: rtnetlink on the kernel, the DHCP client on a UDP socket,
 * dnsmasq as the VPC's server. Skipped unless root with iproute2 and dnsmasq installed.
 */
class DnsmasqNetworkTest {
    static final String PRIMARY_MAC = "52:54:00:aa:00:01";
    static final String SECONDARY_MAC = "52:54:00:aa:00:02";
    static final List<String> RESOLVER_OPTIONS = List.of(
            "--dhcp-option=tag:primary,option:dns-server,10.0.2.3",
            "--dhcp-option=tag:primary,option:domain-name,ec2.internal",
            "--dhcp-option=tag:primary,option:domain-search,ec2.internal,example.com");

    @TempDir
    Path dir;

    NetnsFixture net;
    FakeImdsClient imds;

    @BeforeEach
    void namespaces() throws Exception {
        NetnsFixture.assumeAvailable();
        net = NetnsFixture.create(dir);
        imds = new FakeImdsClient();
    }

    @AfterEach
    void cleanUp() {
        if (net != null) {
            net.close();
        }
    }

    NetworkSetup.Result setUp(Duration dhcpBudget) throws Exception {
        return net.inInstance(() -> {
            try (RtNetlink rtnetlink = RtNetlink.open(Ffm.sockets(), Ffm.files())) {
                return new NetworkSetup(
                                rtnetlink,
                                NetworkSetup.overUdp(Ffm.sockets(), Ffm.files(), dhcpBudget),
                                imds,
                                dir.resolve("resolv.conf"),
                                Duration.ofSeconds(5))
                        .run();
            }
        });
    }

    /** dnsmasq on vpc0 (10.0.2.0/24, the primary's) and, if given, vpc1 (10.0.3.0/24). */
    void dnsmasq(boolean secondarySubnet) throws Exception {
        List<String> options = new ArrayList<>(List.of(
                "--interface=vpc0",
                "--dhcp-range=set:primary,10.0.2.15,10.0.2.15,255.255.255.0,12h",
                "--dhcp-option=tag:primary,option:router,10.0.2.2",
                // What a VPC offers: the link's MTU is set from the lease.
                "--dhcp-option=tag:primary,option:mtu,9001"));
        options.addAll(RESOLVER_OPTIONS);
        if (secondarySubnet) {
            options.addAll(List.of(
                    "--interface=vpc1",
                    "--dhcp-range=set:secondary,10.0.3.15,10.0.3.15,255.255.255.0,12h",
                    "--dhcp-option=tag:secondary,option:router,10.0.3.2"));
        }
        net.dnsmasq(options.toArray(String[]::new));
    }

    @Test
    void linksAsTheKernelReportsThem() throws Exception {
        net.nic("ens5", PRIMARY_MAC, "vpc0", null);
        net.ip("link", "add", "br9", "type", "bridge");
        List<Link> links = net.inInstance(() -> {
            try (RtNetlink rtnetlink = RtNetlink.open(Ffm.sockets(), Ffm.files())) {
                return rtnetlink.links();
            }
        });
        Map<String, Link> byName = links.stream().collect(Collectors.toMap(Link::name, link -> link));
        assertEquals(
                Map.of("lo", "", "ens5", "veth", "br9", "bridge"),
                byName.values().stream().collect(Collectors.toMap(Link::name, Link::kind)));
        assertTrue(byName.get("lo").loopback());
        assertEquals(PRIMARY_MAC, byName.get("ens5").mac());
        assertEquals(List.of(byName.get("ens5")), Candidates.select(links));
    }

    @Test
    void oneInterfaceRenamedAndLeased() throws Exception {
        net.nic("ens5", PRIMARY_MAC, "vpc0", "10.0.2.2/24");
        // A bridge holding the name eth0 is moved aside to eth1.
        net.ip("link", "add", "eth0", "type", "bridge");
        dnsmasq(false);
        NetworkSetup.Result result = setUp(Duration.ofSeconds(10));
        assertEquals(
                new NetworkSetup.Result("eth0", Ipv4Address.parse("10.0.2.15"), 24, Ipv4Address.parse("10.0.2.2")),
                result,
                net::dnsmasqLog);
        assertTrue(net.ip("-d", "link", "show", "eth1").contains("bridge"), "the bridge is eth1 now");
        assertTrue(net.ip("-4", "addr", "show", "dev", "eth0").contains("inet 10.0.2.15/24 brd 10.0.2.255 "));
        assertEquals("default via 10.0.2.2 dev eth0 proto dhcp \n", net.ip("route", "show", "default"));
        assertTrue(net.ip("-4", "addr", "show", "dev", "lo").contains("inet 127.0.0.1/8 "));
        assertTrue(net.ip("-6", "addr", "show", "dev", "lo").contains("inet6 ::1/128 "));
        String eth0 = net.ip("link", "show", "eth0");
        assertTrue(eth0.contains(" mtu 9001 "), eth0);
        assertEquals(
                "domain ec2.internal\nsearch ec2.internal example.com\nnameserver 10.0.2.3\n",
                Files.readString(dir.resolve("resolv.conf")));
    }

    @Test
    void severalEnisRenamedByDeviceNumber() throws Exception {
        // The secondary ENI comes first (the lower ifindex) and gets the bootstrap lease.
        net.nic("ens6", SECONDARY_MAC, "vpc1", "10.0.3.2/24");
        net.nic("ens5", PRIMARY_MAC, "vpc0", "10.0.2.2/24");
        dnsmasq(true);
        imds.metadata(NetworkSetup.MACS, PRIMARY_MAC + "/\n" + SECONDARY_MAC + "/");
        imds.metadata(NetworkSetup.MACS + PRIMARY_MAC + "/device-number", "0");
        imds.metadata(NetworkSetup.MACS + SECONDARY_MAC + "/device-number", "1");
        NetworkSetup.Result result = setUp(Duration.ofSeconds(10));
        assertEquals("eth0", result.interfaceName(), net::dnsmasqLog);
        assertEquals(Ipv4Address.parse("10.0.2.15"), result.address());
        assertTrue(net.ip("link", "show", "eth0").contains(PRIMARY_MAC));
        assertTrue(net.ip("link", "show", "eth1").contains(SECONDARY_MAC));
        assertFalse(net.ip("-4", "addr", "show", "dev", "eth1").contains("inet "), "the secondary keeps no address");
        assertEquals("default via 10.0.2.2 dev eth0 proto dhcp \n", net.ip("route", "show", "default"));
        assertTrue(net.dnsmasqLog().contains("DHCPACK(vpc1) 10.0.3.15 " + SECONDARY_MAC), "bootstrapped on ens6");
    }

    @Test
    void noServerMeansNoOffer() throws Exception {
        net.nic("eth0", PRIMARY_MAC, "vpc0", "10.0.2.2/24");
        DhcpException e = assertThrows(DhcpException.class, () -> setUp(Duration.ofMillis(1500)));
        assertEquals("no DHCP offer on eth0 within 1500 ms", e.getMessage());
        assertFalse(net.ip("-4", "addr", "show", "dev", "eth0").contains("inet "));
    }
}
