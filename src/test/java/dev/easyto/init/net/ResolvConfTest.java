package dev.easyto.init.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolvConfTest {
    @TempDir
    Path dir;

    static DhcpLease lease(List<String> dns, String domain, List<String> search) {
        return new DhcpLease(
                "eth0",
                Ipv4Address.parse("10.0.2.15"),
                24,
                Ipv4Address.parse("10.0.2.2"),
                dns.stream().map(Ipv4Address::parse).toList(),
                domain,
                search,
                Ipv4Address.parse("10.0.2.2"),
                3600,
                0);
    }

    @Test
    void domainSearchThenNameservers() {
        assertEquals(
                Optional.of(
                        "domain ec2.internal\nsearch ec2.internal example.com\nnameserver 10.0.2.3\nnameserver 8.8.8.8\n"),
                ResolvConf.render(
                        lease(List.of("10.0.2.3", "8.8.8.8"), "ec2.internal", List.of("ec2.internal", "example.com"))));
        assertEquals(
                Optional.of("nameserver 10.0.2.3\n"), ResolvConf.render(lease(List.of("10.0.2.3"), "", List.of())));
    }

    @Test
    void nothingWithoutNameservers() {
        assertEquals(Optional.empty(), ResolvConf.render(lease(List.of(), "ec2.internal", List.of("ec2.internal"))));
    }

    @Test
    void namesThatWouldAddLinesOrWordsAreLeftOut() {
        assertEquals(
                Optional.of("search good.example\nnameserver 10.0.2.3\n"),
                ResolvConf.render(lease(
                        List.of("10.0.2.3"),
                        "evil\nnameserver 6.6.6.6",
                        List.of("bad name", "good.example", "#comment", "x;y", ""))));
    }

    @Test
    void writtenAtomicallyWithMode0644() throws Exception {
        Path file = dir.resolve("etc/resolv.conf");
        assertTrue(ResolvConf.write(file, lease(List.of("10.0.2.3"), "ec2.internal", List.of())));
        assertEquals("domain ec2.internal\nnameserver 10.0.2.3\n", Files.readString(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        assertFalse(ResolvConf.write(file, lease(List.of(), "other", List.of())));
        assertEquals("domain ec2.internal\nnameserver 10.0.2.3\n", Files.readString(file), "left alone");
    }
}
