package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.imds.MockImds;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IMDSv2 client against the mock that enforces IMDSv2's rules. */
class HttpImdsClientTest {
    @TempDir
    Path scenario;

    MockImds start() throws IOException {
        return MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new MockImds.Data(scenario, 1, Duration.ZERO));
    }

    HttpImdsClient client(MockImds imds) {
        return new HttpImdsClient(
                "http://127.0.0.1:" + imds.port() + "/", Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void userDataWithASessionToken() throws IOException {
        Files.writeString(scenario.resolve("user-data.yaml"), "debug: true\n");
        try (MockImds imds = start()) {
            assertArrayEquals(
                    "debug: true\n".getBytes(StandardCharsets.UTF_8),
                    client(imds).userData().orElseThrow());
        }
    }

    @Test
    void noUserDataIs404AndEmpty() throws IOException {
        try (MockImds imds = start()) {
            assertEquals(Optional.empty(), client(imds).userData());
        }
    }

    @Test
    void metadataValuesAndMissingPaths() throws IOException {
        try (MockImds imds = start()) {
            HttpImdsClient client = client(imds);
            assertEquals("i-test12345", client.metadata("instance-id").strip());
            assertEquals(
                    "us-east-1a", client.metadata("placement/availability-zone").strip());
            ImdsException missing = assertThrows(ImdsException.class, () -> client.metadata("no/such/path"));
            assertTrue(missing.notFound());
        }
    }

    @Test
    void aRejectedTokenIsRenewed() throws IOException {
        HttpImdsClient client;
        int port;
        try (MockImds first = start()) {
            port = first.port();
            client = client(first);
            assertEquals("i-test12345", client.metadata("instance-id").strip());
        }
        // A new IMDS (same address, new token): the cached token now gets 401 and must be replaced.
        try (MockImds second = MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new MockImds.Data(scenario, 1, Duration.ZERO))) {
            assertEquals(port, second.port());
            assertEquals("test-host", client.metadata("local-hostname").strip());
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenReported() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpImdsClient client =
                new HttpImdsClient("http://127.0.0.1:" + port, Duration.ofSeconds(2), Duration.ofSeconds(1));
        long started = System.nanoTime();
        assertThrows(IOException.class, client::userData);
        // Three attempts, a second apart: the link may still be settling at boot.
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 2000);
    }
}
