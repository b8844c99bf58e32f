package dev.easyto.init.net;

import dev.easyto.init.linux.Errno;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links, addresses and a default route in memory, refusing what the kernel refuses (renaming a
 * link that is up, a name in use, an address twice), with a log of every change.
 */
final class FakeLinks implements LinkControl {
    final Map<Integer, Link> links = new LinkedHashMap<>();
    final Map<Integer, Set<String>> addresses = new LinkedHashMap<>();
    final Set<Integer> noCarrier = new LinkedHashSet<>();
    final List<String> log = new ArrayList<>();
    String defaultRoute;

    FakeLinks() {
        add(new Link(1, "lo", "00:00:00:00:00:00", "", Link.IFF_LOOPBACK, true));
    }

    FakeLinks add(Link link) {
        links.put(link.index(), link);
        addresses.put(link.index(), new LinkedHashSet<>());
        return this;
    }

    FakeLinks nic(int index, String name, String mac) {
        return add(new Link(index, name, mac, "", 0x1002, false));
    }

    String name(int index) {
        return links.get(index).name();
    }

    @Override
    public List<Link> links() {
        return List.copyOf(links.values());
    }

    @Override
    public Link link(int index) throws IOException {
        Link link = links.get(index);
        if (link == null) {
            throw new NetlinkException("get link " + index, Errno.ENODEV);
        }
        return link;
    }

    @Override
    public void setUp(int index, boolean up) throws IOException {
        Link link = link(index);
        int flags = up ? link.flags() | Link.IFF_UP : link.flags() & ~Link.IFF_UP;
        links.put(
                index, new Link(index, link.name(), link.mac(), link.kind(), flags, up && !noCarrier.contains(index)));
        log.add((up ? "up " : "down ") + link.name());
    }

    @Override
    public void rename(int index, String name) throws IOException {
        Link link = link(index);
        if (link.up()) {
            throw new NetlinkException("rename link " + index + " to " + name, Errno.EBUSY);
        }
        if (links.values().stream().anyMatch(other -> other.name().equals(name))) {
            throw new NetlinkException("rename link " + index + " to " + name, Errno.EEXIST);
        }
        links.put(index, link.withName(name));
        log.add("rename " + link.name() + " " + name);
    }

    @Override
    public void addAddress(int index, Ipv4Address address, int prefixLength, int scope) throws IOException {
        if (!addresses.get(index).add(address + "/" + prefixLength)) {
            throw new NetlinkException("add " + address, Errno.EEXIST);
        }
        log.add("add " + address + "/" + prefixLength + " " + name(index));
    }

    @Override
    public void deleteAddress(int index, Ipv4Address address, int prefixLength) throws IOException {
        if (!addresses.get(index).remove(address + "/" + prefixLength)) {
            throw new NetlinkException("delete " + address, Errno.EADDRNOTAVAIL);
        }
        log.add("delete " + address + "/" + prefixLength + " " + name(index));
    }

    /** What {@link #addAddress6} answers instead of adding: an errno such as EACCES (IPv6 disabled), or 0. */
    int ipv6Errno;

    /** Links whose driver refuses any MTU change (EINVAL). */
    final Set<Integer> fixedMtu = new LinkedHashSet<>();

    @Override
    public void addAddress6(int index, byte[] address, int prefixLength, int scope) throws IOException {
        if (ipv6Errno != 0) {
            throw new NetlinkException("add IPv6 address", ipv6Errno);
        }
        String text = (Arrays.equals(address, NetworkSetup.IPV6_LOOPBACK)
                        ? "::1"
                        : HexFormat.of().formatHex(address)) + "/" + prefixLength;
        if (!addresses.get(index).add(text)) {
            throw new NetlinkException("add IPv6 address", Errno.EEXIST);
        }
        log.add("add " + text + " " + name(index));
    }

    @Override
    public void setMtu(int index, int mtu) throws IOException {
        if (fixedMtu.contains(index)) {
            throw new NetlinkException("set mtu " + mtu + " on link " + index, Errno.EINVAL);
        }
        log.add("mtu " + mtu + " " + name(index));
    }

    @Override
    public void replaceDefaultRoute(int index, Ipv4Address gateway) {
        defaultRoute = "via " + gateway + " index " + index;
        log.add("route via " + gateway + " " + name(index));
    }

    @Override
    public void deleteDefaultRoute(int index, Ipv4Address gateway) throws IOException {
        if (!("via " + gateway + " index " + index).equals(defaultRoute)) {
            throw new NetlinkException("delete default route", Errno.ESRCH);
        }
        defaultRoute = null;
        log.add("delete route via " + gateway + " " + name(index));
    }

    @Override
    public boolean waitForCarrier(int index, Duration timeout) throws IOException {
        return link(index).carrier();
    }
}
