package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secret scan of the sandbox run ({@link SecretScan}) and where its secrets come from ({@link SeededSecrets}). */
class SeededSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyKindOfSeedIsCollected() throws IOException {
        Map<String, String> secrets = SeededSecrets.collect(SeededSecrets.allScenarioDirs());
        // A secret, an SSM SecureString, an S3 object, a JSON member, the sample's secret.
        for (String value : List.of(
                "super-secret-jwt-key-xyz789",
                "ssm-token-abc123",
                "my-api-key-12345",
                "secret456",
                "sample-password-not-for-production")) {
            assertTrue(secrets.containsKey(value), () -> value + " is not among " + secrets.keySet());
        }
        // What env-from-imds and the sample fetch from the mock IMDS, and the role's credentials.
        assertEquals("env-from-imds: IMDS instance-id", secrets.get("i-test12345"));
        assertTrue(secrets.containsKey("us-east-1a"), secrets::toString);
        assertTrue(secrets.containsKey("testSecretAccessKey1234567890abcdefghij"), secrets::toString);
        // Too short to tell from a pid or a duration: REDIS_DB's 0, DB_PORT's 5432.
        assertFalse(secrets.containsKey("0"));
        assertFalse(secrets.containsKey("5432"));
    }

    @Test
    void aSetupThatSeedsAnotherWayIsRefused() throws IOException {
        Path setup = Files.writeString(dir.resolve("aws-setup.sh"), """
                #!/bin/sh
                set -eu
                aws ssm put-parameter --name /x --value hidden-value
                """);
        AssertionError error = assertThrows(AssertionError.class, () -> SeededSecrets.awsSetup(setup, new TreeMap<>()));
        assertTrue(error.getMessage().contains("aws ssm put-parameter"), error.getMessage());
    }

    @Test
    void anUnknownSeedCommandIsRefused() throws IOException {
        Path setup = Files.writeString(dir.resolve("aws-setup.sh"), """
                exec python3 "${AWS_SEED}" <<'EOF'
                queue my-queue hidden-value
                EOF
                """);
        assertThrows(AssertionError.class, () -> SeededSecrets.awsSetup(setup, new TreeMap<>()));
    }

    @Test
    void seedLinesAreSplitAsAwsSeedSplitsThem() throws IOException {
        Path setup = Files.writeString(dir.resolve("aws-setup.sh"), """
                exec python3 "${AWS_SEED}" <<'SEED'
                # a comment
                secret a/b 'two words' # trailing comment
                parameter /p "say \\"hi\\" there" SecureString
                object bucket key '{"USER": "someone", "PORT": 5432, "ON": true, "NO": null}'
                SEED
                """);
        Map<String, String> secrets = new TreeMap<>();
        SeededSecrets.awsSetup(setup, secrets);
        assertEquals(
                List.of(
                        "say \"hi\" there",
                        "someone",
                        "two words",
                        "{\"USER\": \"someone\", \"PORT\": 5432, \"ON\": true, \"NO\": null}"),
                List.copyOf(secrets.keySet()));
    }

    @Test
    void theInitsLinesAndTraceAreScannedNotTheWorkloadsOutput() throws IOException {
        Map<String, String> secrets = Map.of("hunter2-secret", "test seed");
        String console = """
                info: phase resolve-env started
                info: resolved env DB_PASSWORD from secrets-manager
                info: phase init-scripts started
                DB_PASSWORD=hunter2-secret
                info: main process started with pid 31
                info: main process exited with status 0
                """;
        JsonNode trace = JSON.readTree("""
                {"phases": [{"name": "volumes", "status": "done"}],
                 "command": {"argv": ["/bin/sh", "-c", "test $P = hunter2-secret"], "env": ["P"]}}
                """);
        assertEquals(List.of(), SecretScan.leaks(new SecretScan.Boot("s", console, trace), secrets));

        String leakingConsole = console.replace("from secrets-manager", "from secrets-manager: hunter2-secret")
                + "warning: after the start too: hunter2-secret\n";
        JsonNode leakingTrace = JSON.readTree("""
                {"phases": [{"name": "resolve-env", "status": "failed", "error": "bad value hunter2-secret"}],
                 "command": {"argv": [], "env": ["P"]}}
                """);
        List<String> leaks = SecretScan.leaks(new SecretScan.Boot("s", leakingConsole, leakingTrace), secrets);
        assertEquals(3, leaks.size(), leaks::toString);
        assertTrue(leaks.get(0).startsWith("s: console line 2 shows the value seeded by test seed"), leaks::toString);
        assertTrue(leaks.get(2).contains("/phases/0/error = bad value hunter2-secret"), leaks::toString);
    }

    @Test
    void aValueBeforeTheUsersProgramsIsScannedEvenWithoutALevel() {
        // A message with a line break continues without a level; before init scripts run it is the init's.
        String console = "error: System error: bad value\nhunter2-secret\n";
        List<String> leaks = SecretScan.leaks(
                new SecretScan.Boot("s", console, JSON.missingNode()), Map.of("hunter2-secret", "test seed"));
        assertEquals(1, leaks.size(), leaks::toString);
    }
}
