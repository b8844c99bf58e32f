package dev.easyto.init.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.aws.MotoServer;
import dev.easyto.init.aws.Parallel;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.NameValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Every env-from source against moto_server, as the resolve-env phase uses them. */
class EnvResolverTest {
    private static MotoServer moto;
    private static EnvResolver resolver;

    @BeforeAll
    static void seed() throws Exception {
        moto = MotoServer.start();
        AwsClients aws = moto.clients();
        aws.s3().createBucket(b -> b.bucket("env-test"));
        aws.s3().putObject(b -> b.bucket("env-test").key("key.txt"), RequestBody.fromString("k-123"));
        aws.s3()
                .putObject(
                        b -> b.bucket("env-test").key("map.json"),
                        RequestBody.fromString("{\"HOST\": \"h\", \"PORT\": 5432, \"SKIP\": null}"));
        aws.s3().putObject(b -> b.bucket("env-test").key("plain.txt"), RequestBody.fromString("not json"));
        aws.s3().putObject(b -> b.bucket("env-test").key("binary"), RequestBody.fromBytes(new byte[] {
            (byte) 0xff, 0x00, (byte) 0xfe
        }));
        aws.s3()
                .putObject(
                        b -> b.bucket("env-test").key("huge"),
                        RequestBody.fromBytes(new byte[EnvResolver.MAX_S3_VALUE_BYTES + 1]));
        aws.s3()
                .putObject(
                        b -> b.bucket("env-test").key("just-fits"),
                        RequestBody.fromBytes(
                                "x".repeat(EnvResolver.MAX_S3_VALUE_BYTES).getBytes(StandardCharsets.UTF_8)));
        aws.ssm().putParameter(b -> b.name("/env/token").value("t-1").type(ParameterType.SECURE_STRING));
        aws.ssm()
                .putParameter(b ->
                        b.name("/env/map").value("{\"A\": \"1\", \"B\": true}").type(ParameterType.STRING));
        aws.secretsManager().createSecret(b -> b.name("env/secret").secretString("s-1"));
        aws.secretsManager().createSecret(b -> b.name("env/map").secretString("{\"USER\": \"u\", \"PASS\": \"p\"}"));
        aws.secretsManager()
                .createSecret(b -> b.name("env/binary")
                        .secretBinary(SdkBytes.fromByteArray(
                                new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef})));
        for (int i = 0; i < 23; i++) {
            int n = i;
            aws.ssm().putParameter(b -> b.name("/many/p" + n).value("v" + n).type(ParameterType.SECURE_STRING));
        }
        resolver = new EnvResolver(new FakeImdsClient(), aws);
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void s3() throws Exception {
        assertEquals(
                List.of(new NameValue("KEY", "k-123")),
                resolver.resolve(new EnvFrom.S3("env-test", "key.txt", "KEY", false, false)));
        assertEquals(
                List.of(new NameValue("HOST", "h"), new NameValue("PORT", "5432")),
                resolver.resolve(new EnvFrom.S3("env-test", "map.json", null, false, false)));
        assertEquals(
                List.of(new NameValue("BIN", "/wD+")),
                resolver.resolve(new EnvFrom.S3("env-test", "binary", "BIN", true, false)));
    }

    @Test
    void ssm() throws Exception {
        assertEquals(
                List.of(new NameValue("TOKEN", "t-1")),
                resolver.resolve(new EnvFrom.Ssm("/env/token", "TOKEN", false, false)));
        assertEquals(
                List.of(new NameValue("A", "1"), new NameValue("B", "true")),
                resolver.resolve(new EnvFrom.Ssm("/env/map", null, false, false)));
    }

    @Test
    void secretsManager() throws Exception {
        assertEquals(
                List.of(new NameValue("SECRET", "s-1")),
                resolver.resolve(new EnvFrom.SecretsManager("env/secret", "SECRET", false, false)));
        assertEquals(
                List.of(new NameValue("USER", "u"), new NameValue("PASS", "p")),
                resolver.resolve(new EnvFrom.SecretsManager("env/map", null, false, false)));
        assertEquals(
                List.of(new NameValue("BIN", "3q2+7w==")),
                resolver.resolve(new EnvFrom.SecretsManager("env/binary", "BIN", true, false)));
    }

    @Test
    void missingItemsNameTheServicesErrorCode() {
        assertFailure(
                "s3 object s3://env-test/missing.json: NoSuchKey",
                new EnvFrom.S3("env-test", "missing.json", null, false, false));
        assertFailure(
                "s3 object s3://no-such-bucket/k: NoSuchBucket",
                new EnvFrom.S3("no-such-bucket", "k", "K", false, false));
        assertFailure(
                "ssm parameter /env/missing: ParameterNotFound", new EnvFrom.Ssm("/env/missing", "X", false, false));
        assertFailure(
                "secrets-manager secret env/missing: ResourceNotFoundException",
                new EnvFrom.SecretsManager("env/missing", null, false, false));
    }

    @Test
    void aValueThatIsNotAnObjectIsAnErrorWithoutTheValue() {
        EnvSourceException e = assertThrows(
                EnvSourceException.class,
                () -> resolver.resolve(new EnvFrom.S3("env-test", "plain.txt", null, false, false)));
        assertEquals(
                "s3 object s3://env-test/plain.txt: value is not JSON (set name to use it as one variable)",
                e.getMessage());
    }

    /** An env-from object is held in memory: one too large for any environment is refused, not read whole. */
    @Test
    void anS3ObjectLargerThanAnEnvironmentIsRefused() throws Exception {
        assertFailure(
                "s3 object s3://env-test/huge: larger than 1048576 bytes, more than a process environment can hold",
                new EnvFrom.S3("env-test", "huge", "HUGE", false, false));
        assertEquals(
                EnvResolver.MAX_S3_VALUE_BYTES,
                resolver.resolve(new EnvFrom.S3("env-test", "just-fits", "FITS", false, false))
                        .getFirst()
                        .value()
                        .length());
    }

    /**
     * All at once: 23 SSM names (three GetParameters batches), a missing one among them, the
     * other sources beside them; the outcomes come in the spec's order, failures in their place.
     */
    @Test
    void everySourceAtOnceInTheSpecsOrder() throws Exception {
        List<EnvFrom> items = new ArrayList<>();
        items.add(new EnvFrom.S3("env-test", "key.txt", "KEY", false, false));
        for (int i = 22; i >= 0; i--) {
            items.add(new EnvFrom.Ssm("/many/p" + i, "P" + i, false, false));
            if (i == 12) {
                items.add(new EnvFrom.Ssm("/many/missing", "MISSING", false, true));
                items.add(new EnvFrom.SecretsManager("env/secret", "SECRET", false, false));
            }
        }
        items.add(new EnvFrom.Ssm("/many/p3", "AGAIN", false, false));
        List<Parallel.Outcome<List<NameValue>>> outcomes = resolver.resolveAll(items);
        assertEquals(items.size(), outcomes.size());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Parallel.Outcome<List<NameValue>> outcome = outcomes.get(i);
            if (items.get(i) instanceof EnvFrom.Ssm ssm && ssm.path().equals("/many/missing")) {
                EnvSourceException e = assertThrows(EnvSourceException.class, outcome::replay);
                assertTrue(e.getMessage().startsWith("ssm parameter /many/missing: ParameterNotFound"), e.getMessage());
                continue;
            }
            for (NameValue variable : outcome.replay()) {
                names.add(variable.name() + "=" + variable.value());
            }
        }
        List<String> expected = new ArrayList<>(List.of("KEY=k-123"));
        for (int i = 22; i >= 0; i--) {
            expected.add("P" + i + "=v" + i);
            if (i == 12) {
                expected.add("SECRET=s-1");
            }
        }
        expected.add("AGAIN=v3");
        assertEquals(expected, names);
        // The fetch lines, held while fetching, name the variables in the spec's order too.
        assertEquals(List.of("info: resolved env P22 from ssm"), outcomes.get(1).console());
    }

    private static void assertFailure(String prefix, EnvFrom item) {
        EnvSourceException e = assertThrows(EnvSourceException.class, () -> resolver.resolve(item));
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }
}
