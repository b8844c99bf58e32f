package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One spec pipeline, checked end to end: the command the init built in a sandbox boot (the
 * {@code command} of its boot trace, which the harness keeps in {@code out/}) is the command
 * {@code plan} prints for the same user data, image config and image root, kept from that boot.
 * Fetched values are the only difference the init may make, and its trace shows them as the
 * {@code $(NAME)} that plan prints.
 */
final class PlanMatchesBoot {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEPT = "run-scenario: kept ";

    private PlanMatchesBoot() {}

    /** Checks one kept run and keeps its reports ({@link BootReports}), then removes its work directory. */
    static void check(Sandbox.Run run) throws IOException, InterruptedException {
        Path work = keptWorkDirectory(run);
        try {
            Path trace = work.resolve("out/boot-trace.json");
            BootReports.keep(run, trace);
            JsonNode boot =
                    Files.isRegularFile(trace) ? JSON.readTree(trace.toFile()).path("command") : null;
            if (boot == null || boot.isNull() || boot.isMissingNode()) {
                // A boot that ended before the command was built, by an error or by a stop during
                // the boot, has nothing to compare.
                assertTrue(
                        run.output().contains("System error") || run.output().contains(" during the boot\n"),
                        () -> "no command, no error and no stop:\n" + run.output());
                return;
            }
            JsonNode plan = plan(work);
            assertEquals(plan.get("argv"), boot.get("argv"), () -> "argv differs for " + run.scenario());
            assertEquals(names(plan.get("env")), strings(boot.get("env")), () -> "env differs for " + run.scenario());
            assertEquals(plan.get("working-dir"), boot.get("working-dir"), run.scenario());
            assertEquals(plan.get("uid").asLong(), boot.get("uid").asLong(), run.scenario());
            if (run.scenario().endsWith("-env-from-optional")) {
                // The optional item failed: nothing of it may reach the command.
                assertEquals(List.of(), strings(boot.get("env-from")), run.scenario());
            }
            assertEquals(plan.get("gid").asLong(), boot.get("gid").asLong(), run.scenario());
        } finally {
            new ProcessBuilder("rm", "-rf", "--one-file-system", work.toString())
                    .inheritIO()
                    .start()
                    .waitFor();
        }
    }

    private static JsonNode plan(Path work) throws IOException {
        // The image the harness built (its root plus the scenario overlay), which the sandbox copies.
        Path root = work.resolve("image");
        Path userData = userData(work.resolve("imds"));
        Cli plan = Cli.run(
                "plan",
                "--user-data",
                userData.toString(),
                "--metadata",
                root.resolve(".easyto/metadata.json").toString(),
                "--root",
                root.toString());
        assertEquals(0, plan.exitCode(), () -> "plan failed where the boot did not:\n" + plan.err());
        return JSON.readTree(plan.out());
    }

    /** The user data the mock IMDS served, as the harness prepared it; an empty file for none. */
    private static Path userData(Path imds) throws IOException {
        for (String name : List.of("user-data.yaml", "user-data.gz", "user-data-source.yaml")) {
            if (Files.isRegularFile(imds.resolve(name))) {
                return imds.resolve(name);
            }
        }
        return Files.writeString(imds.resolve("no-user-data"), "");
    }

    static Path keptWorkDirectory(Sandbox.Run run) {
        Path work = Path.of(lineAfter(run.output(), KEPT)
                .orElseThrow(() -> new AssertionError("the harness kept no work directory:\n" + run.output())));
        assertTrue(Files.isDirectory(work.resolve("image")), () -> work + " has no image");
        return work;
    }

    private static Optional<String> lineAfter(String output, String marker) {
        try (Stream<String> lines = output.lines()) {
            return lines.filter(line -> line.contains(marker))
                    .map(line -> line.substring(line.indexOf(marker) + marker.length())
                            .strip())
                    .findFirst();
        }
    }

    private static List<String> names(JsonNode env) {
        List<String> names = new ArrayList<>();
        env.forEach(variable -> names.add(variable.get("name").asText()));
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }
}
