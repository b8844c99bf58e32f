package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import dev.easyto.init.imds.MockImds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;

/** Region, credentials and endpoints the way the init works them out, against the mock IMDS. */
class AwsSessionTest {
    @TempDir
    Path scenario;

    @Test
    void regionFromImdsAndCredentialsFromTheInstanceProfile() throws Exception {
        try (MockImds mock = MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MockImds.Data.of(scenario))) {
            String endpoint = "http://127.0.0.1:" + mock.port();
            AwsSession session = AwsSession.forInstance(
                    new HttpImdsClient(
                            endpoint, dev.easyto.init.retry.RetryPolicy.IMDS.withDeadline(Duration.ofSeconds(3))),
                    Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint));
            assertEquals(Region.US_EAST_1, session.region());
            AwsCredentials credentials = session.credentials().resolveCredentials();
            assertTrue(credentials.accessKeyId().startsWith("ASIA"), credentials.accessKeyId());
        }
    }

    @Test
    void awsRegionInTheEnvironmentWins() throws Exception {
        try (MockImds mock = MockImds.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), MockImds.Data.of(scenario))) {
            String endpoint = "http://127.0.0.1:" + mock.port();
            AwsSession session = AwsSession.forInstance(
                    new HttpImdsClient(
                            endpoint, dev.easyto.init.retry.RetryPolicy.IMDS.withDeadline(Duration.ofSeconds(3))),
                    Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3"));
            assertEquals(Region.EU_WEST_3, session.region());
        }
    }

    @Test
    void noRegionMeansNoClient() {
        FakeImdsClient imds = new FakeImdsClient();
        AwsUnavailableException e =
                assertThrows(AwsUnavailableException.class, () -> AwsSession.forInstance(imds, Map.of()));
        assertTrue(e.getMessage().startsWith("unable to determine the AWS region: "), e.getMessage());
    }

    @Test
    void noInstanceProfileMeansNoClient() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        FakeImdsClient imds = new FakeImdsClient();
        imds.metadata("placement/region", "us-east-1");
        AwsUnavailableException e = assertThrows(
                AwsUnavailableException.class,
                () -> AwsSession.forInstance(
                        imds, Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + closed)));
        assertTrue(e.getMessage().startsWith("user data config requires an IAM instance profile: "), e.getMessage());
    }

    @Test
    void aServiceSpecificEndpointWinsOverTheGeneralOne() throws Exception {
        AwsSession session = new AwsSession(
                Region.US_EAST_1,
                null,
                AwsSession.httpClient(Map.of()),
                AwsSession.emptyProfileFile(),
                Map.of(
                        "AWS_ENDPOINT_URL", "http://10.0.2.2:4566",
                        "AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://10.0.2.2:4567"));
        assertEquals(Optional.of(URI.create("http://10.0.2.2:4566")), session.endpoint("S3"));
        assertEquals(Optional.of(URI.create("http://10.0.2.2:4567")), session.endpoint("Secrets Manager"));
        AwsSession none = new AwsSession(Region.US_EAST_1, null, null, null, Map.of());
        assertEquals(Optional.empty(), none.endpoint("SSM"));
    }

    @Test
    void aPemBundleBecomesTrustManagers() throws Exception {
        Path system = Path.of("/etc/ssl/certs/ca-certificates.crt");
        HostTools.require(
                "aws", Files.isReadable(system), "no system CA bundle to read (apt-get install ca-certificates)");
        assertTrue(AwsSession.trustManagers(system).length > 0);
    }

    @Test
    void aCaBundleWithoutCertificatesIsRefused() throws Exception {
        Path bundle = Files.writeString(scenario.resolve("empty.pem"), "");
        AwsUnavailableException e = assertThrows(AwsUnavailableException.class, () -> AwsSession.trustManagers(bundle));
        assertTrue(e.getMessage().contains("no certificates"), e.getMessage());
    }
}
