package dev.easyto.init.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Each client against moto_server, and the laziness the boot time depends on. */
class AwsClientsTest {
    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void s3ClientReadsWhatWasStored() throws Exception {
        S3Client s3 = moto.clients().s3();
        s3.createBucket(b -> b.bucket("clients-test"));
        s3.putObject(b -> b.bucket("clients-test").key("a/b.txt"), RequestBody.fromString("content"));
        // Path-style addressing: the bucket cannot be a host name in front of an IP endpoint.
        assertEquals(
                "content",
                s3.getObjectAsBytes(b -> b.bucket("clients-test").key("a/b.txt"))
                        .asString(StandardCharsets.UTF_8));
    }

    @Test
    void ssmClientReadsADecryptedSecureString() throws Exception {
        SsmClient ssm = moto.clients().ssm();
        ssm.putParameter(b -> b.name("/clients-test/token").value("t0ken").type(ParameterType.SECURE_STRING));
        assertEquals(
                "t0ken",
                ssm.getParameter(b -> b.name("/clients-test/token").withDecryption(true))
                        .parameter()
                        .value());
    }

    @Test
    void secretsManagerClientReadsASecret() throws Exception {
        SecretsManagerClient secrets = moto.clients().secretsManager();
        secrets.createSecret(b -> b.name("clients-test/secret").secretString("s3cret"));
        assertArrayEqualsText(
                "s3cret", AwsReads.secretValue(secrets, "clients-test/secret").orElseThrow());
    }

    @Test
    void nothingIsMadeBeforeAClientIsAskedForAndTheSessionOnlyOnce() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AwsClients clients = new AwsClients(() -> {
            opened.incrementAndGet();
            return new AwsSession(
                    Region.US_EAST_1,
                    AnonymousCredentialsProvider.create(),
                    AwsSession.httpClient(Map.of()),
                    AwsSession.emptyProfileFile(),
                    Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
        });
        assertEquals(0, opened.get());
        S3Client s3 = clients.s3();
        clients.ssm();
        clients.secretsManager();
        clients.ec2();
        assertSame(s3, clients.s3());
        assertEquals(1, opened.get());
    }

    @Test
    void aSessionThatCannotBeOpenedFailsEveryClient() {
        AwsClients clients = new AwsClients(() -> {
            throw new AwsUnavailableException("user data config requires an IAM instance profile: none", null);
        });
        AwsUnavailableException e = assertThrows(AwsUnavailableException.class, clients::ssm);
        assertTrue(e.getMessage().contains("IAM instance profile"), e.getMessage());
        assertThrows(AwsUnavailableException.class, clients::s3);
    }

    private static void assertArrayEqualsText(String expected, byte[] actual) {
        assertEquals(expected, new String(actual, StandardCharsets.UTF_8));
    }

    @Test
    void aSessionThatCannotBeOpenedIsNotTriedAgainByEachClient() {
        AtomicInteger opened = new AtomicInteger();
        AwsClients clients = new AwsClients(() -> {
            opened.incrementAndGet();
            throw new AwsUnavailableException("no instance profile", null);
        });
        assertThrows(AwsUnavailableException.class, clients::ssm);
        AwsUnavailableException again = assertThrows(AwsUnavailableException.class, clients::s3);
        assertEquals("no instance profile", again.getMessage());
        assertEquals(1, opened.get());
    }
}
