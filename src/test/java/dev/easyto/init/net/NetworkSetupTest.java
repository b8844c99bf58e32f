package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.aws.ImdsException;
import dev.easyto.init.linux.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upstream's bring-up algorithm over links in memory, a DHCP stand-in and a fake IMDS. */
class NetworkSetupTest {
    static final String MAC0 = "0a:00:00:00:00:a0";
    static final String MAC1 = "0a:00:00:00:00:a1";

    @TempDir
    Path dir;

    FakeLinks links;
    FakeImdsClient imds;
    List<String> leasedOn;
    /** The MTU the DHCP stand-in's leases carry (option 26), 0 for none. */
    int mtu;

    /** The subnet each interface name's DHCP server hands out; none: no offer. */
    Map<String, String> subnets;

    @BeforeEach
    void setUp() {
        links = new FakeLinks();
        imds = new FakeImdsClient();
        leasedOn = new ArrayList<>();
        subnets = Map.of();
    }

    NetworkSetup.Result run() throws IOException {
        NetworkSetup.Dhcp dhcp = link -> {
            leasedOn.add(link.name());
            String subnet = subnets.get(link.name());
            if (subnet == null) {
                throw new DhcpException("no DHCP offer on " + link.name() + " within 15 s");
            }
            return new DhcpLease(
                    link.name(),
                    Ipv4Address.parse(subnet + ".15"),
                    24,
                    Ipv4Address.parse(subnet + ".1"),
                    List.of(Ipv4Address.parse(subnet + ".2")),
                    "ec2.internal",
                    List.of("ec2.internal"),
                    Ipv4Address.parse(subnet + ".1"),
                    3600,
                    mtu);
        };
        return new NetworkSetup(links, dhcp, imds, dir.resolve("resolv.conf"), Duration.ZERO).run();
    }

    void enis(String... macThenNumber) {
        StringBuilder macs = new StringBuilder();
        for (int i = 0; i < macThenNumber.length; i += 2) {
            macs.append(macThenNumber[i]).append("/\n");
            imds.metadata(NetworkSetup.MACS + macThenNumber[i] + "/device-number", macThenNumber[i + 1] + "\n");
        }
        imds.metadata(NetworkSetup.MACS, macs.toString().strip());
    }

    @Test
    void oneInterfaceIsNamedEth0AndLeased() throws Exception {
        links.nic(2, "ens5", MAC0);
        links.add(new Link(3, "eth0", "0a:00:00:00:00:b0", "bridge", Link.IFF_UP, true));
        subnets = Map.of("eth0", "10.0.2");
        NetworkSetup.Result result = run();
        assertEquals(
                new NetworkSetup.Result("eth0", Ipv4Address.parse("10.0.2.15"), 24, Ipv4Address.parse("10.0.2.1")),
                result);
        assertEquals(
                List.of(
                        "up lo",
                        "add 127.0.0.1/8 lo",
                        "add ::1/128 lo",
                        // The bridge had the name: down, then moved aside to eth1.
                        "down eth0",
                        "rename eth0 eth1",
                        "rename ens5 eth0",
                        "up eth0",
                        "add 10.0.2.15/24 eth0",
                        "route via 10.0.2.1 eth0"),
                links.log);
        assertEquals("eth0", links.name(2));
        assertEquals("eth1", links.name(3));
        assertEquals(List.of("eth0"), leasedOn);
        assertEquals(
                "domain ec2.internal\nsearch ec2.internal\nnameserver 10.0.2.2\n",
                Files.readString(dir.resolve("resolv.conf")));
        assertEquals(Set.of("127.0.0.1/8", "::1/128"), links.addresses.get(1));
    }

    @Test
    void loopbackAddressAlreadyThereIsFine() throws Exception {
        links.addresses.get(1).add("127.0.0.1/8");
        links.nic(2, "eth0", MAC0);
        subnets = Map.of("eth0", "10.0.2");
        run();
        assertEquals(
                List.of("up lo", "add ::1/128 lo", "up eth0", "add 10.0.2.15/24 eth0", "route via 10.0.2.1 eth0"),
                links.log);
    }

    @Test
    void severalEnisArePlacedByDeviceNumber() throws Exception {
        // The lowest ifindex is ENI device 1; the primary comes second.
        links.nic(2, "ens6", MAC1);
        links.nic(3, "ens5", MAC0);
        enis(MAC0, "0", MAC1, "1");
        subnets = Map.of("ens6", "10.0.3", "eth0", "10.0.2");
        NetworkSetup.Result result = run();
        assertEquals("eth0", result.interfaceName());
        assertEquals(Ipv4Address.parse("10.0.2.15"), result.address());
        assertEquals(List.of("ens6", "eth0"), leasedOn);
        assertEquals(
                List.of(
                        "up lo",
                        "add 127.0.0.1/8 lo",
                        "add ::1/128 lo",
                        "up ens6",
                        "add 10.0.3.15/24 ens6",
                        "route via 10.0.3.1 ens6",
                        // The bootstrap lease goes before the renames.
                        "delete route via 10.0.3.1 ens6",
                        "delete 10.0.3.15/24 ens6",
                        "down ens6",
                        "rename ens6 eth1",
                        "rename ens5 eth0",
                        "up eth0",
                        "add 10.0.2.15/24 eth0",
                        "route via 10.0.2.1 eth0"),
                links.log);
        assertEquals(Set.of(), links.addresses.get(2), "the secondary ENI keeps no address");
        assertEquals("via 10.0.2.1 index 3", links.defaultRoute);
        assertTrue(Files.readString(dir.resolve("resolv.conf")).contains("nameserver 10.0.2.2\n"));
    }

    @Test
    void aBootstrapOnThePrimaryKeepsItsLease() throws Exception {
        links.nic(2, "eth0", MAC0);
        links.nic(3, "eth1", MAC1);
        enis(MAC0, "0", MAC1, "1");
        subnets = Map.of("eth0", "10.0.2");
        NetworkSetup.Result result = run();
        assertEquals("eth0", result.interfaceName());
        assertEquals(List.of("eth0"), leasedOn, "one DHCP exchange");
        assertEquals(
                List.of(
                        "up lo",
                        "add 127.0.0.1/8 lo",
                        "add ::1/128 lo",
                        "up eth0",
                        "add 10.0.2.15/24 eth0",
                        "route via 10.0.2.1 eth0"),
                links.log);
        assertFalse(links.links.get(3).up());
    }

    @Test
    void withoutImdsTheBootstrapInterfaceStaysAsEth0() throws Exception {
        links.nic(2, "ens6", MAC1);
        links.nic(3, "ens5", MAC0);
        imds.failWith(new ImdsException("/latest/meta-data/" + NetworkSetup.MACS, 500));
        subnets = Map.of("ens6", "10.0.3");
        NetworkSetup.Result result = run();
        assertEquals(
                new NetworkSetup.Result("eth0", Ipv4Address.parse("10.0.3.15"), 24, Ipv4Address.parse("10.0.3.1")),
                result);
        assertEquals(List.of("ens6"), leasedOn);
        assertEquals("eth0", links.name(2));
        assertEquals("ens5", links.name(3));
        assertEquals(Set.of("10.0.3.15/24"), links.addresses.get(2));
        assertEquals("via 10.0.3.1 index 2", links.defaultRoute);
    }

    @Test
    void noEniWithDeviceNumber0IsFatal() {
        links.nic(2, "ens5", MAC0);
        links.nic(3, "ens6", MAC1);
        enis(MAC0, "2", MAC1, "1");
        subnets = Map.of("ens5", "10.0.2");
        IOException e = assertThrows(IOException.class, this::run);
        assertTrue(e.getMessage().startsWith("no interface is ENI device 0 (NoPrimaryInterface)"), e.getMessage());
    }

    @Test
    void failuresNameTheInterface() {
        links.nic(2, "eth0", MAC0);
        assertEquals(
                "no DHCP offer on eth0 within 15 s",
                assertThrows(DhcpException.class, this::run).getMessage());

        links = new FakeLinks();
        links.nic(2, "eth0", MAC0);
        links.noCarrier.add(2);
        assertEquals(
                "no carrier on eth0 after 0 s",
                assertThrows(IOException.class, this::run).getMessage());

        links = new FakeLinks();
        links.add(new Link(2, "br0", "0a:00:00:00:00:01", "bridge", 0, true));
        links.add(new Link(3, "tun0", "", "tun", 0, true));
        assertEquals(
                "no network interface to configure; links: lo 00:00:00:00:00:00, br0 bridge 0a:00:00:00:00:01, tun0 tun",
                assertThrows(IOException.class, this::run).getMessage());
    }

    @Test
    void theLeasesMtuIsSetOnTheLinkBeforeItsAddress() throws Exception {
        links.nic(2, "eth0", MAC0);
        subnets = Map.of("eth0", "10.0.2");
        mtu = 9001;
        run();
        assertEquals(
                List.of("up eth0", "mtu 9001 eth0", "add 10.0.2.15/24 eth0", "route via 10.0.2.1 eth0"),
                links.log.subList(3, links.log.size()));
    }

    @Test
    void anMtuTheDriverRefusesLeavesTheLinkAsItWas() throws Exception {
        links.nic(2, "eth0", MAC0);
        links.fixedMtu.add(2);
        subnets = Map.of("eth0", "10.0.2");
        mtu = 9001;
        String console;
        try (CapturedConsole captured = new CapturedConsole()) {
            run();
            console = captured.text();
        }
        assertTrue(
                console.contains("warning: network: unable to set mtu 9001 on eth0, keeping its own: "
                        + "set mtu 9001 on link 2: EINVAL"),
                console);
        assertTrue(links.log.contains("route via 10.0.2.1 eth0"), links.log::toString);
    }

    @Test
    void withIpv6DisabledLoopbackHasNoIpv6AddressAndTheBootGoesOn() throws Exception {
        links.nic(2, "eth0", MAC0);
        subnets = Map.of("eth0", "10.0.2");
        links.ipv6Errno = Errno.EACCES;
        String console;
        try (CapturedConsole captured = new CapturedConsole()) {
            run();
            console = captured.text();
        }
        assertTrue(console.contains("warning: network: IPv6 is disabled, lo has no ::1 (EACCES)"), console);
        assertEquals(Set.of("127.0.0.1/8"), links.addresses.get(1));
        assertTrue(links.log.contains("route via 10.0.2.1 eth0"), links.log::toString);
    }
}
