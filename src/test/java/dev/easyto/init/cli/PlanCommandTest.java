package dev.easyto.init.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upstream scenarios that need no boot, expressed through {@code plan}. */
class PlanCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    Path root;
    Path metadata;

    @BeforeEach
    void image() throws IOException {
        root = TestImage.create(Files.createDirectories(dir.resolve("root")));
        metadata = TestImage.metadata(dir);
    }

    JsonNode plan(Path userData) throws IOException {
        Cli result = Cli.run(
                "plan",
                "--user-data",
                userData.toString(),
                "--metadata",
                metadata.toString(),
                "--root",
                root.toString());
        assertEquals(0, result.exitCode(), result.err());
        return JSON.readTree(result.out());
    }

    JsonNode scenario(String name) throws IOException {
        return plan(TestImage.SCENARIOS.resolve(name).resolve("user-data.yaml"));
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static String env(JsonNode plan, String name) {
        String value = null;
        for (JsonNode nv : plan.get("env")) {
            if (nv.get("name").asText().equals(name)) {
                value = nv.get("value").asText();
            }
        }
        return value;
    }

    @Test
    void hasEveryDocumentedKey() throws IOException {
        JsonNode plan = scenario("basic-boot");
        assertEquals(
                List.of(
                        "argv",
                        "env",
                        "working-dir",
                        "uid",
                        "gid",
                        "replace-init",
                        "readonly-root-fs",
                        "shutdown-grace-period",
                        "disable-services",
                        "modules",
                        "sysctls",
                        "volumes",
                        "env-from",
                        "init-scripts",
                        "debug",
                        "stop-signal"),
                iteratorToList(plan).subList(0, 16));
        // The image sets none: what the shutdown will send is shown, not left out.
        assertEquals("SIGTERM", plan.get("stop-signal").asText());
        assertEquals(List.of("chrony", "ssh"), strings(plan.get("disable-services")));
        assertEquals(10, plan.get("shutdown-grace-period").asInt());
        assertEquals(0, plan.get("init-scripts").asInt());
        assertFalse(plan.get("debug").asBoolean());
    }

    private static List<String> iteratorToList(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void envStatic() throws IOException {
        JsonNode plan = scenario("env-static");
        assertEquals("hello", env(plan, "TEST_VAR1"));
        assertEquals("world with spaces", env(plan, "TEST_VAR2"));
        assertEquals("value=with=equals", env(plan, "TEST_VAR3"));
        assertEquals("", env(plan, "TEST_EMPTY"));
        assertEquals("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", env(plan, "PATH"));
    }

    @Test
    void envExpansion() throws IOException {
        List<String> argv = strings(scenario("env-expansion").get("argv"));
        assertEquals("/bin/sh", argv.get(0));
        assertEquals("-c", argv.get(1));
        assertEquals(List.of("hello", "hello-world"), argv.subList(3, 5));
    }

    @Test
    void workingDir() throws IOException {
        assertEquals("/tmp", scenario("working-dir").get("working-dir").asText());
    }

    @Test
    void nullWorkingDir() throws IOException {
        assertEquals("/", scenario("null-working-dir").get("working-dir").asText());
    }

    @Test
    void pathExpansion() throws IOException {
        assertEquals("/bin/sh", scenario("path-expansion").get("argv").get(0).asText());
    }

    @Test
    void userGroup() throws IOException {
        JsonNode plan = scenario("user-group");
        assertEquals(65534, plan.get("uid").asLong());
        assertEquals(65534, plan.get("gid").asLong());
    }

    @Test
    void invalidUserdata() {
        Cli result = Cli.run(
                "plan",
                "--user-data",
                TestImage.SCENARIOS.resolve("invalid-userdata/user-data.yaml").toString(),
                "--metadata",
                metadata.toString());
        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertTrue(result.err().contains("invalid YAML"), result.err());
    }

    @Test
    void noUserDataRunsTheImageDefault() throws IOException {
        JsonNode plan = plan(Files.writeString(dir.resolve("empty"), ""));
        assertEquals(List.of("/test-entrypoint"), strings(plan.get("argv")));
        assertEquals("/", plan.get("working-dir").asText());
    }

    @Test
    void gzipUserData() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Files.readAllBytes(TestImage.SCENARIOS.resolve("gzip-userdata/user-data-source.yaml")));
        }
        Path gz = Files.write(dir.resolve("user-data.gz"), bytes.toByteArray());
        assertEquals("/bin/sh", plan(gz).get("argv").get(0).asText());
    }

    @Test
    void envFromReferencesStayVerbatimAndNothingIsFetched() throws IOException {
        JsonNode plan = scenario("aws-env-expansion");
        assertEquals("postgresql://$(DB_USER):$(DB_PASS)@$(DB_HOST):$(DB_PORT)/$(DB_NAME)", env(plan, "DATABASE_URL"));
        assertEquals("myapp-$(DB_HOST)", env(plan, "APP_DB_CONNECTION"));
        assertEquals(3, plan.get("env-from").size());
        assertTrue(plan.get("env-from").get(0).has("s3"), plan.get("env-from").toString());
    }

    @Test
    void volumesAreListedWithTheirKindAndDefaults() throws IOException {
        JsonNode plan = plan(Files.writeString(dir.resolve("ud.yaml"), """
                security: {run-as-user-id: 1000}
                volumes:
                  - ebs: {device: /dev/sdf, mount: {destination: /data, fs-type: ext4}}
                """));
        JsonNode mount = plan.get("volumes").get(0).get("ebs").get("mount");
        assertEquals("/data", mount.get("destination").asText());
        assertEquals("ext4", mount.get("fs-type").asText());
        assertEquals(1000, mount.get("user-id").asInt());
        assertEquals("0755", mount.get("mode").asText());
    }

    @Test
    void aTemplateThatCanReceiveAFetchedValueIsShownOwnerOnly() throws IOException {
        JsonNode plan = plan(Files.writeString(dir.resolve("ud.yaml"), """
                env-from:
                  - secrets-manager: {secret-id: db, name: DB_PASSWORD}
                volumes:
                  - template: {content: '{{p}}', variables: {p: $(DB_PASSWORD)}, mount: {destination: /etc/db.conf}}
                  - template: {content: 'public', mount: {destination: /etc/motd}}
                """));
        assertEquals(
                "0600",
                plan.get("volumes")
                        .get(0)
                        .get("template")
                        .get("mount")
                        .get("mode")
                        .asText());
        assertEquals(
                "0644",
                plan.get("volumes")
                        .get(1)
                        .get("template")
                        .get("mount")
                        .get("mode")
                        .asText());
    }

    @Test
    void userDataFromStandardInput() throws IOException {
        Cli result = Cli.runWithStdin(
                "working-dir: /srv\n".getBytes(StandardCharsets.UTF_8),
                "plan",
                "--user-data",
                "-",
                "--metadata",
                metadata.toString(),
                "--root",
                root.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("/srv", JSON.readTree(result.out()).get("working-dir").asText());
    }

    @Test
    void theStopSignalIsShownResolved() throws IOException {
        Path postgres = dir.resolve("postgres.json");
        Files.writeString(postgres, "{\"config\":{\"Cmd\":[\"/bin/sh\"],\"StopSignal\":\"INT\"}}");
        Cli result = Cli.run(
                "plan",
                "--user-data",
                TestImage.SCENARIOS.resolve("basic-boot/user-data.yaml").toString(),
                "--metadata",
                postgres.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("SIGINT", JSON.readTree(result.out()).get("stop-signal").asText());
    }

    @Test
    void anUnknownStopSignalIsRefusedAtItsField() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"config\":{\"Cmd\":[\"/bin/sh\"],\"StopSignal\":\"SIGSTOPPLEASE\"}}");
        for (String command : List.of("plan", "validate")) {
            Cli result = Cli.run(
                    command,
                    "--user-data",
                    TestImage.SCENARIOS.resolve("basic-boot/user-data.yaml").toString(),
                    "--metadata",
                    bad.toString());
            assertEquals(1, result.exitCode(), command + ": " + result.out() + result.err());
            assertTrue(
                    result.err().contains("config.StopSignal: unknown signal \"SIGSTOPPLEASE\""),
                    command + ": " + result.err());
        }
    }

    @Test
    void metadataIsRequired() {
        assertEquals(2, Cli.run("plan", "--user-data", "x").exitCode());
    }

    @Test
    void withoutRootArgvZeroIsLeftAsWrittenWithAWarning() throws IOException {
        Cli result = Cli.run(
                "plan",
                "--user-data",
                TestImage.SCENARIOS.resolve("path-expansion/user-data.yaml").toString(),
                "--metadata",
                metadata.toString());
        assertEquals(0, result.exitCode());
        assertEquals("sh", JSON.readTree(result.out()).get("argv").get(0).asText());
        assertTrue(result.err().contains("warning: command[0]: \"sh\" not looked up in PATH"), result.err());
    }
}
