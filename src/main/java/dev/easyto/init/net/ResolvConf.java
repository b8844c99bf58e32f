package dev.easyto.init.net;

import dev.easyto.init.fs.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /etc/resolv.conf} from a DHCP lease, as upstream writes it. */
public final class ResolvConf {
    public static final Path FILE = Path.of("/etc/resolv.conf");

    /**
     * What a resolver accepts as a domain: a name from the server that held a space, newline or
     * {@code #} would add words or whole lines (another nameserver, options) to the file.
     */
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_.])?");

    private ResolvConf() {}

    /**
     * The file for {@code lease}: {@code domain} (option 15), {@code search} (option 119), then one
     * {@code nameserver} per DNS server; empty when the lease has no DNS server, and the file is
     * then left alone.
     */
    public static Optional<String> render(DhcpLease lease) {
        if (lease.dnsServers().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        if (DOMAIN.matcher(lease.domainName()).matches()) {
            text.append("domain ").append(lease.domainName()).append('\n');
        }
        List<String> search = lease.searchDomains().stream()
                .filter(name -> DOMAIN.matcher(name).matches())
                .toList();
        if (!search.isEmpty()) {
            text.append("search ").append(String.join(" ", search)).append('\n');
        }
        for (Ipv4Address server : lease.dnsServers()) {
            text.append("nameserver ").append(server).append('\n');
        }
        return Optional.of(text.toString());
    }

    /**
     * Writes {@code file} for {@code lease} atomically, mode 0644, creating its directory if the
     * image has none.
     *
     * @return whether it was written (the lease had DNS servers)
     */
    public static boolean write(Path file, DhcpLease lease) throws IOException {
        Optional<String> text = render(lease);
        if (text.isEmpty()) {
            return false;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFile.write(file, text.get().getBytes(StandardCharsets.US_ASCII), "rw-r--r--");
        return true;
    }
}
