package dev.easyto.init.rehearsal;

import dev.easyto.init.net.DhcpLease;
import dev.easyto.init.net.Ipv4Address;
import dev.easyto.init.net.Link;
import dev.easyto.init.net.LinkControl;
import dev.easyto.init.net.NetworkAccess;
import dev.easyto.init.net.NetworkSetup;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network of the sandbox, in memory: loopback and one ENI with the MAC the mock IMDS lists
 * first, and the lease its dnsmasq gives. {@link NetworkSetup} runs its real decisions against it
 * (which link, which name, which lease, {@code resolv.conf} in the scratch root); each change it
 * asks of the kernel is only recorded.
 */
@ApplicationScoped
@Alternative
@Priority(1)
@IfBuildProfile("dev")
public class RehearsedNetwork implements NetworkAccess {
    private static final int IFF_UP = 0x1;
    private static final int IFF_LOOPBACK = 0x8;
    private static final String ENI_MAC = "52:54:00:12:34:56";
    private static final Ipv4Address ADDRESS = Ipv4Address.parse("10.0.2.15");
    /** What a VPC's DHCP offers, as the sandbox's dnsmasq does. */
    private static final int MTU = 9001;

    private static final Ipv4Address GATEWAY = Ipv4Address.parse("10.0.2.2");
    private static final Ipv4Address RESOLVER = Ipv4Address.parse("10.0.2.3");

    private final RehearsalLog log;

    public RehearsedNetwork(RehearsalLog log) {
        this.log = log;
    }

    @Override
    public LinkControl openLinks() {
        return new Links(log);
    }

    @Override
    public NetworkSetup.Dhcp dhcp(Duration budget) {
        return link -> {
            log.would(
                    "lease an address on %s by DHCP; the rehearsal takes the sandbox's: %s/24 via %s",
                    link.name(), ADDRESS, GATEWAY);
            return new DhcpLease(
                    link.name(),
                    ADDRESS,
                    24,
                    GATEWAY,
                    List.of(RESOLVER),
                    "ec2.internal",
                    List.of("ec2.internal"),
                    GATEWAY,
                    3600,
                    MTU);
        };
    }

    /** One boot's links: the state a renaming or an address needs to be read back. */
    private static final class Links implements LinkControl {
        private final RehearsalLog log;
        private final Map<Integer, Link> links = new LinkedHashMap<>();

        Links(RehearsalLog log) {
            this.log = log;
            links.put(1, new Link(1, "lo", "00:00:00:00:00:00", "", IFF_LOOPBACK, true));
            links.put(2, new Link(2, "ens5", ENI_MAC, "", 0, true));
        }

        @Override
        public List<Link> links() {
            return new ArrayList<>(links.values());
        }

        @Override
        public Link link(int index) throws IOException {
            Link link = links.get(index);
            if (link == null) {
                throw new IOException("no link " + index);
            }
            return link;
        }

        @Override
        public void setUp(int index, boolean up) throws IOException {
            Link link = link(index);
            log.would("set %s %s", link.name(), up ? "up" : "down");
            int flags = up ? link.flags() | IFF_UP : link.flags() & ~IFF_UP;
            links.put(index, new Link(index, link.name(), link.mac(), link.kind(), flags, link.carrier()));
        }

        @Override
        public void rename(int index, String name) throws IOException {
            Link link = link(index);
            log.would("rename %s to %s", link.name(), name);
            links.put(index, new Link(index, name, link.mac(), link.kind(), link.flags(), link.carrier()));
        }

        @Override
        public void addAddress(int index, Ipv4Address address, int prefixLength, int scope) throws IOException {
            log.would("add %s/%d to %s", address, prefixLength, link(index).name());
        }

        @Override
        public void deleteAddress(int index, Ipv4Address address, int prefixLength) throws IOException {
            log.would("remove %s/%d from %s", address, prefixLength, link(index).name());
        }

        @Override
        public void addAddress6(int index, byte[] address, int prefixLength, int scope) throws IOException {
            log.would(
                    "add %s/%d to %s",
                    InetAddress.getByAddress(address).getHostAddress(),
                    prefixLength,
                    link(index).name());
        }

        @Override
        public void setMtu(int index, int mtu) throws IOException {
            log.would("set the mtu of %s to %d", link(index).name(), mtu);
        }

        @Override
        public void replaceDefaultRoute(int index, Ipv4Address gateway) throws IOException {
            log.would("route by default via %s on %s", gateway, link(index).name());
        }

        @Override
        public void deleteDefaultRoute(int index, Ipv4Address gateway) throws IOException {
            log.would(
                    "remove the default route via %s on %s",
                    gateway, link(index).name());
        }

        @Override
        public boolean waitForCarrier(int index, Duration timeout) {
            return true;
        }
    }
}
