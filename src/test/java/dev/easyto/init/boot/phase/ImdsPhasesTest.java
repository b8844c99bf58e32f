package dev.easyto.init.boot.phase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.easyto.init.aws.FakeImdsClient;
import dev.easyto.init.aws.ImdsException;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.net.Ipv4Address;
import dev.easyto.init.spec.ImageConfig;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.RunAs;
import dev.easyto.init.spec.SpecMerger;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.UserDataReader.Position;
import dev.easyto.init.spec.VmSpec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The phases that talk to IMDS, against the test profile's IMDS alternative. */
@QuarkusTest
class ImdsPhasesTest {
    @Inject
    FakeImdsClient imds;

    @Inject
    FetchUserDataPhase fetchUserData;

    @Inject
    ResolveEnvPhase resolveEnv;

    static final NetworkUp NETWORK =
            new NetworkUp("eth0", Ipv4Address.parse("10.0.2.15"), 24, Ipv4Address.parse("10.0.2.2"));

    @BeforeEach
    void reset() {
        imds.reset();
    }

    static PhaseInputs inputs(Object... results) {
        Map<Class<?>, Object> map = new HashMap<>();
        for (Object result : results) {
            // The phases read the spec as merge-spec hands it on.
            Object output = result instanceof VmSpec spec
                    ? new MergedSpec(spec, new SpecPipeline.ArgvOrigin("ud", "command[0]", Position.UNKNOWN))
                    : result;
            map.put(output.getClass(), output);
        }
        return new PhaseInputs("test", new HashSet<>(map.keySet()), map);
    }

    static VmSpec spec(String userData) throws Exception {
        return SpecMerger.merge(
                new ImageConfig(null, null, List.of(new NameValue("PATH", "/bin")), null, null, null),
                RunAs.ROOT,
                UserDataReader.parse(userData, "ud").userData());
    }

    @Test
    void userDataIsFetchedAnd404MeansNone() throws Exception {
        imds.userData("debug: true\n".getBytes(StandardCharsets.UTF_8));
        RawUserData raw = fetchUserData.run(inputs(NETWORK));
        assertArrayEquals(
                "debug: true\n".getBytes(StandardCharsets.UTF_8), raw.bytes().orElseThrow());
        imds.reset();
        assertTrue(fetchUserData.run(inputs(NETWORK)).bytes().isEmpty());
    }

    @Test
    void anyOtherImdsFailureIsFatal() {
        imds.failWith(new ImdsException("/latest/user-data", 500));
        BootFailure failure = assertThrows(BootFailure.class, () -> fetchUserData.run(inputs(NETWORK)));
        assertEquals("unable to fetch user data: IMDS /latest/user-data: HTTP 500", failure.describe());
    }

    @Test
    void imdsValuesAreTrimmedAndExpandedIntoStaticEnv() throws Exception {
        imds.metadata("instance-id", "i-test12345\n");
        VmSpec spec = spec("""
                env: [{name: ID_COPY, value: "id=$(INSTANCE_ID)"}]
                env-from: [{imds: {name: INSTANCE_ID, path: instance-id}}]
                """);
        List<NameValue> env = resolveEnv.run(inputs(spec, NETWORK)).env();
        assertEquals(
                List.of(
                        new NameValue("PATH", "/bin"),
                        new NameValue("ID_COPY", "id=i-test12345"),
                        new NameValue("INSTANCE_ID", "i-test12345")),
                env);
    }

    @Test
    void aMissingNonOptionalSourceIsFatalAndAnOptionalOneIsSkipped() throws Exception {
        VmSpec required = spec("env-from: [{imds: {name: AZ, path: placement/availability-zone}}]");
        BootFailure failure = assertThrows(BootFailure.class, () -> resolveEnv.run(inputs(required, NETWORK)));
        assertTrue(
                failure.describe().startsWith("unable to resolve environment variables from external sources: "),
                failure.describe());
        VmSpec optional = spec("env-from: [{imds: {name: AZ, path: placement/availability-zone, optional: true}}]");
        assertEquals(
                List.of(new NameValue("PATH", "/bin")),
                resolveEnv.run(inputs(optional, NETWORK)).env());
    }

    @Test
    void noAwsClientIsFatalEvenForAnOptionalItem() throws Exception {
        // The fake IMDS has no placement/region, so no client can be made; AWS_REGION would bypass it.
        assumeTrue(System.getenv("AWS_REGION") == null, "AWS_REGION is set");
        VmSpec spec = spec("env-from: [{ssm: {path: /app/token, name: TOKEN, optional: true}}]");
        BootFailure failure = assertThrows(BootFailure.class, () -> resolveEnv.run(inputs(spec)));
        assertEquals(
                "unable to resolve environment variables from external sources: "
                        + "unable to determine the AWS region: IMDS /latest/meta-data/placement/region: HTTP 404",
                failure.describe());
    }
}
