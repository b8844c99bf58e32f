package dev.easyto.init.imds;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MockImdsTest {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path scenario;

    private MockImds imds;

    @AfterEach
    void stop() {
        if (imds != null) {
            imds.close();
        }
    }

    private MockImds start(MockImds.Data data) throws IOException {
        imds = MockImds.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), data);
        return imds;
    }

    private MockImds start() throws IOException {
        return start(MockImds.Data.of(scenario));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + imds.port() + path);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> putToken(String ttl) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(MockImds.TOKEN_PATH));
        if (ttl != null) {
            request.header(MockImds.TTL_HEADER, ttl);
        }
        return send(request.PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private String token() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = putToken("21600");
        assertEquals(200, response.statusCode());
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header(MockImds.TOKEN_HEADER, token()));
    }

    private String getText(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(path);
        assertEquals(200, response.statusCode(), path);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void warmUpIsAnsweredButNotLoggedWhileTheInitsRequestsAre() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        imds = MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                MockImds.Data.of(scenario),
                new PrintStream(logged, true, StandardCharsets.UTF_8));
        WarmUp.run(new InetSocketAddress(InetAddress.getLoopbackAddress(), imds.port()), imds.token());
        assertEquals("", logged.toString(StandardCharsets.UTF_8));
        assertEquals(200, get(MockImds.META_DATA + "instance-id").statusCode());
        assertEquals(
                "PUT /latest/api/token 200\nGET /latest/meta-data/instance-id 200\n",
                logged.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void tokenIsIssuedForAValidTtlAndTheTtlIsEchoed() throws Exception {
        start();
        HttpResponse<byte[]> response = putToken("300");
        assertEquals(200, response.statusCode());
        assertEquals(imds.token(), new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("300", response.headers().firstValue(MockImds.TTL_HEADER).orElseThrow());
        assertEquals(200, putToken("1").statusCode());
        assertEquals(200, putToken("21600").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "21601", "-1", "abc", "", "1.5"})
    void tokenRequestWithABadTtlIsRejected(String ttl) throws Exception {
        start();
        assertEquals(400, putToken(ttl).statusCode());
    }

    @Test
    void tokenRequestWithoutTtlIsRejected() throws Exception {
        start();
        assertEquals(400, putToken(null).statusCode());
    }

    @Test
    void forwardedRequestsAreForbidden() throws Exception {
        start();
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(uri(MockImds.TOKEN_PATH))
                .header(MockImds.TTL_HEADER, "300")
                .header("X-Forwarded-For", "203.0.113.7")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, put.statusCode());
        HttpResponse<byte[]> get = send(HttpRequest.newBuilder(uri("/latest/meta-data/instance-id"))
                .header(MockImds.TOKEN_HEADER, token())
                .header("X-Forwarded-For", "203.0.113.7"));
        assertEquals(403, get.statusCode());
    }

    @Test
    void tokensComeOnlyFromPutOnTheLatestPath() throws Exception {
        start();
        assertEquals(405, send(HttpRequest.newBuilder(uri(MockImds.TOKEN_PATH))).statusCode());
        HttpResponse<byte[]> versioned = send(HttpRequest.newBuilder(uri("/2021-03-23/api/token"))
                .header(MockImds.TTL_HEADER, "300")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, versioned.statusCode());
    }

    @Test
    void getWithoutTokenIsUnauthorized() throws Exception {
        start();
        assertEquals(
                401,
                send(HttpRequest.newBuilder(uri("/latest/meta-data/instance-id")))
                        .statusCode());
    }

    @Test
    void getWithAWrongTokenIsUnauthorized() throws Exception {
        start();
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/latest/meta-data/instance-id"))
                .header(MockImds.TOKEN_HEADER, imds.token() + "x"));
        assertEquals(401, response.statusCode());
    }

    @Test
    void getWithTheTokenSucceeds() throws Exception {
        start();
        assertEquals("i-test12345", getText("/latest/meta-data/instance-id"));
    }

    @Test
    void everyServerHasItsOwnToken() throws Exception {
        start();
        try (MockImds other = MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MockImds.Data.of(scenario))) {
            assertNotEquals(imds.token(), other.token());
        }
    }

    @Test
    void userDataIsServedRaw() throws Exception {
        Files.writeString(scenario.resolve("user-data.yaml"), "command: [/bin/true]\n");
        start();
        HttpResponse<byte[]> response = get("/latest/user-data");
        assertEquals(200, response.statusCode());
        assertEquals(
                "application/octet-stream",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("command: [/bin/true]\n", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void userDataSourceIsServedGzipped() throws Exception {
        Files.writeString(scenario.resolve("user-data-source.yaml"), "command: [/bin/true]\n");
        start();
        byte[] body = get("/latest/user-data").body();
        assertEquals(0x1f, body[0] & 0xff);
        assertEquals(0x8b, body[1] & 0xff);
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertEquals("command: [/bin/true]\n", new String(gzip.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void gzipUserDataIsServedAsItIs() throws Exception {
        byte[] compressed = MockImds.gzip("env: []\n".getBytes(StandardCharsets.UTF_8));
        Files.write(scenario.resolve("user-data.gz"), compressed);
        start();
        assertArrayEquals(compressed, get("/latest/user-data").body());
    }

    @Test
    void missingUserDataIsNotFound() throws Exception {
        start();
        assertEquals(404, get("/latest/user-data").statusCode());
    }

    @Test
    void withoutScenarioThereIsNoUserDataButMetadata() throws Exception {
        start(new MockImds.Data(null, 1, Duration.ZERO));
        assertEquals(404, get("/latest/user-data").statusCode());
        assertEquals("test-host", getText("/latest/meta-data/local-hostname"));
    }

    @Test
    void metadataValuesAreUpstreams() throws Exception {
        start();
        assertEquals("ami-test12345", getText("/latest/meta-data/ami-id"));
        assertEquals("t3.micro", getText("/latest/meta-data/instance-type"));
        assertEquals("us-east-1a", getText("/latest/meta-data/placement/availability-zone"));
        assertEquals("us-east-1", getText("/latest/meta-data/placement/region"));
        assertTrue(getText("/latest/meta-data/public-keys/0/openssh-key").startsWith("ssh-rsa "));
        assertEquals("test-instance-role", getText("/latest/meta-data/iam/security-credentials/"));
        String credentials = getText("/latest/meta-data/iam/security-credentials/test-instance-role");
        for (String field : new String[] {"Code", "LastUpdated", "Type", "AccessKeyId", "SecretAccessKey", "Token"}) {
            assertTrue(credentials.contains("\"" + field + "\""), field);
        }
        assertTrue(credentials.contains("\"Expiration\" : \"2099-12-31T23:59:59Z\""));
    }

    @Test
    void directoriesAreListed() throws Exception {
        start();
        String root = getText("/latest/meta-data/");
        assertEquals(
                "ami-id\niam/\ninstance-id\ninstance-type\nlocal-hostname\nnetwork/\nplacement/\npublic-keys/", root);
        assertEquals(root, getText("/latest/meta-data"));
        assertEquals("availability-zone\nregion", getText("/latest/meta-data/placement/"));
        assertEquals("availability-zone\nregion", getText("/latest/meta-data/placement"));
        assertEquals("0=test-key", getText("/latest/meta-data/public-keys/"));
        assertEquals("openssh-key", getText("/latest/meta-data/public-keys/0/"));
        assertEquals("security-credentials/", getText("/latest/meta-data/iam/"));
    }

    @Test
    void everyNicHasItsMacAndAddress() throws Exception {
        start(new MockImds.Data(scenario, 3, Duration.ZERO));
        String macs = "/latest/meta-data/network/interfaces/macs/";
        assertEquals("52:54:00:12:34:56/\n52:54:00:12:34:57/\n52:54:00:12:34:58/", getText(macs));
        assertEquals("device-number\nlocal-ipv4s\nsubnet-id\nvpc-id", getText(macs + "52:54:00:12:34:57/"));
        assertEquals("0", getText(macs + "52:54:00:12:34:56/device-number"));
        assertEquals("2", getText(macs + "52:54:00:12:34:58/device-number"));
        assertEquals("10.0.2.16", getText(macs + "52:54:00:12:34:57/local-ipv4s"));
        assertEquals("subnet-test1", getText(macs + "52:54:00:12:34:57/subnet-id"));
        assertEquals("vpc-test123", getText(macs + "52:54:00:12:34:58/vpc-id"));
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        start();
        assertEquals(404, get("/latest/meta-data/no-such-key").statusCode());
        assertEquals(404, get("/latest/meta-data/placement/nothing/").statusCode());
        assertEquals(404, get("/latest/other").statusCode());
        assertEquals(404, get("/").statusCode());
    }

    @Test
    void scenarioFilesOverrideAndAddMetadata() throws Exception {
        Path overrides = Files.createDirectories(scenario.resolve("imds/tags/instance"));
        Files.writeString(overrides.resolve("Name"), "web-1");
        Files.writeString(scenario.resolve("imds/instance-id"), "i-override");
        start();
        assertEquals("i-override", getText("/latest/meta-data/instance-id"));
        assertEquals("web-1", getText("/latest/meta-data/tags/instance/Name"));
        assertEquals("instance/", getText("/latest/meta-data/tags/"));
        assertTrue(getText("/latest/meta-data/").contains("\ntags/"));
    }

    @Test
    void identityDocumentDescribesTheInstance() throws Exception {
        start();
        String document = getText(MockImds.IDENTITY_DOCUMENT);
        assertTrue(document.contains("\"instanceId\" : \"i-test12345\""), document);
        assertTrue(document.contains("\"region\" : \"us-east-1\""), document);
        assertTrue(document.contains("\"availabilityZone\" : \"us-east-1a\""), document);
        assertTrue(document.contains("\"privateIp\" : \"10.0.2.15\""), document);
        assertTrue(document.contains("\"accountId\""), document);
    }

    @Test
    void spotNoticeNeverComesWithoutDelay() throws Exception {
        start();
        assertEquals(404, get("/latest/meta-data/spot/instance-action").statusCode());
    }

    @Test
    void spotNoticeComesAfterTheDelay() throws Exception {
        start(new MockImds.Data(scenario, 1, Duration.ofSeconds(1)));
        assertEquals(404, get("/latest/meta-data/spot/instance-action").statusCode());
        Thread.sleep(1100);
        String notice = getText("/latest/meta-data/spot/instance-action");
        assertTrue(
                notice.matches("\\{\"action\":\"terminate\",\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"}"),
                notice);
    }

    @Test
    void requestsAreServedConcurrently() throws Exception {
        start();
        String token = token();
        List<CompletableFuture<HttpResponse<byte[]>>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(CLIENT.sendAsync(
                    HttpRequest.newBuilder(uri("/latest/meta-data/instance-id"))
                            .header(MockImds.TOKEN_HEADER, token)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> request : requests) {
            assertEquals(200, request.get().statusCode());
        }
    }
}
