package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.imds.ImdsFaults;
import dev.easyto.init.imds.MockImds;
import dev.easyto.init.retry.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** IMDS's policy, with a deadline a test can wait for. */
    static final RetryPolicy POLICY = RetryPolicy.IMDS.withDeadline(Duration.ofSeconds(4));

    HttpImdsClient client(MockImds imds) {
        return new HttpImdsClient("http://127.0.0.1:" + imds.port() + "/", POLICY);
    }

    void faults(String... lines) throws IOException {
        Files.write(scenario.resolve(ImdsFaults.FILE), List.of(lines));
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
    void aRefusedConnectionIsRetriedUntilTheDeadlineThenReported() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        HttpImdsClient client = new HttpImdsClient("http://127.0.0.1:" + port, POLICY);
        long started = System.nanoTime();
        RetryPolicy.GaveUp failure = assertThrows(RetryPolicy.GaveUp.class, client::userData);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertTrue(millis >= 2000 && millis <= 4500, millis + " ms");
        assertTrue(failure.attempts() > 3, failure.getMessage());
        assertTrue(failure.getMessage().startsWith("IMDS /latest/api/token: "), failure.getMessage());
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedOnEveryPath() throws IOException {
        Files.writeString(scenario.resolve("user-data.yaml"), "debug: true\n");
        faults(
                "/latest/api/token status 500,503",
                "/latest/user-data status 500,429,502",
                "/latest/meta-data/instance-id status 500,500,500,500,500");
        try (MockImds imds = start()) {
            // Ten failed attempts in a row need more than the short test deadline.
            HttpImdsClient client = new HttpImdsClient(
                    "http://127.0.0.1:" + imds.port(), RetryPolicy.IMDS.withDeadline(Duration.ofSeconds(30)));
            assertArrayEquals(
                    "debug: true\n".getBytes(StandardCharsets.UTF_8),
                    client.userData().orElseThrow());
            assertEquals("i-test12345", client.metadata("instance-id").strip());
        }
    }

    @Test
    void droppedConnectionsStallsAndGarbageAreRetried() throws IOException {
        faults(
                "/latest/api/token garbage 1",
                "/latest/api/token drop 1",
                "/latest/meta-data/local-hostname drop 2",
                "/latest/meta-data/local-hostname garbage 1",
                "/latest/meta-data/instance-id delay 3 1");
        try (MockImds imds = start()) {
            HttpImdsClient client = client(imds);
            assertEquals("test-host", client.metadata("local-hostname").strip());
            // The first answer is held longer than an attempt may take (2 s): the second one comes.
            assertEquals("i-test12345", client.metadata("instance-id").strip());
        }
    }

    @Test
    void aTokenRefusedWith401IsRenewedAndRetried() throws IOException {
        faults("/latest/meta-data/instance-id status 401,401");
        try (MockImds imds = start()) {
            assertEquals("i-test12345", client(imds).metadata("instance-id").strip());
        }
    }

    @Test
    void imdsReachableOnlyAfterSomeSecondsIsWaitedFor() throws IOException {
        faults("unreachable 2");
        try (MockImds imds = start()) {
            imds.goUnreachable();
            long started = System.nanoTime();
            assertEquals("i-test12345", client(imds).metadata("instance-id").strip());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 1500);
        }
    }

    @Test
    void notFoundAndForbiddenAreAnswersNotRetried() throws IOException {
        faults("/latest/meta-data/instance-id status 403");
        try (MockImds imds = start()) {
            HttpImdsClient client = client(imds);
            long started = System.nanoTime();
            assertEquals(Optional.empty(), client.userData());
            ImdsException forbidden = assertThrows(ImdsException.class, () -> client.metadata("instance-id"));
            assertEquals(403, forbidden.status());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000);
        }
    }

    @Test
    void aServerThatKeepsFailingFailsTheCallAtTheDeadline() throws IOException {
        faults("/latest/user-data status " + "500,".repeat(100) + "500");
        try (MockImds imds = start()) {
            long started = System.nanoTime();
            RetryPolicy.GaveUp failure =
                    assertThrows(RetryPolicy.GaveUp.class, () -> client(imds).userData());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() <= 4500);
            assertEquals(500, ((ImdsException) failure.last()).status());
            assertTrue(failure.getMessage().startsWith("IMDS /latest/user-data: HTTP 500 ("), failure.getMessage());
        }
    }
}
