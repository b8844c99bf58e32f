package dev.easyto.init.net;

import java.util.List;

/**
 * What a DHCP ACK gave an interface, as the init applies it: the address with the prefix length of
 * the subnet mask, the first router as default gateway, and the resolver settings.
 *
 * @param domainName option 15, empty without one
 * @param leaseSeconds option 51, 0 without one (the lease is never renewed, as upstream)
 * @param mtu option 26, 0 without a usable one (the link keeps its MTU)
 */
public record DhcpLease(
        String interfaceName,
        Ipv4Address address,
        int prefixLength,
        Ipv4Address gateway,
        List<Ipv4Address> dnsServers,
        String domainName,
        List<String> searchDomains,
        Ipv4Address server,
        long leaseSeconds,
        int mtu) {

    public DhcpLease {
        dnsServers = List.copyOf(dnsServers);
        searchDomains = List.copyOf(searchDomains);
    }

    /**
     * The lease in an ACK.
     *
     * @throws DhcpException without a subnet mask or a router, which upstream requires too: without
     *     them the instance could not reach IMDS
     */
    static DhcpLease fromAck(String interfaceName, DhcpMessage ack, Ipv4Address server) throws DhcpException {
        DhcpOptions options = ack.options();
        Ipv4Address mask = options.address(DhcpOptions.SUBNET_MASK)
                .orElseThrow(() -> new DhcpException("DHCP ack on " + interfaceName + " for " + ack.yourAddress()
                        + " has no subnet mask (option 1)"));
        List<Ipv4Address> routers = options.addresses(DhcpOptions.ROUTER);
        if (routers.isEmpty()) {
            throw new DhcpException(
                    "DHCP ack on " + interfaceName + " for " + ack.yourAddress() + " has no router (option 3)");
        }
        return new DhcpLease(
                interfaceName,
                ack.yourAddress(),
                mask.prefixLength(),
                routers.getFirst(),
                options.addresses(DhcpOptions.DNS_SERVERS),
                options.string(DhcpOptions.DOMAIN_NAME).orElse(""),
                options.domainSearch(),
                options.address(DhcpOptions.SERVER_ID).orElse(server),
                options.u32(DhcpOptions.LEASE_TIME).orElse(0),
                options.mtu());
    }
}
