package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.easyto.init.TestImage;
import dev.easyto.init.fs.Root;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot runs the pipeline's steps one by one, with fetched values; plan runs them without. */
class SpecPipelineTest {
    private static final String USER_DATA = """
            command: [sh, -c, 'connect "$(DB_URL)" --token=$(TOKEN) --literal=s3cr3t-from-ssm']
            env:
              - {name: DB_URL, value: "postgres://app:$(DB_PASSWORD)@db:5432"}
            env-from:
              - {ssm: {path: /app/db-password, name: DB_PASSWORD}}
              - {ssm: {path: /app/token, name: TOKEN}}
            """;

    @Test
    void theShownArgvIsWhatPlanPrintsAndHoldsNoFetchedValue(@TempDir Path dir) throws Exception {
        Root root = Root.at(TestImage.create(dir));
        byte[] userData = USER_DATA.getBytes(StandardCharsets.UTF_8);
        UserDataReader.Parsed parsed = SpecPipeline.parse(userData, "ud");
        ImageConfig image = SpecPipeline.image(TestImage.UPSTREAM_METADATA, "m");
        VmSpec spec = SpecPipeline.merge(image, "m", parsed.userData(), root);
        List<NameValue> fetched =
                List.of(new NameValue("DB_PASSWORD", "s3cr3t-from-ssm"), new NameValue("TOKEN", "tok-123"));
        SpecPipeline.Command boot = SpecPipeline.command(
                spec,
                SpecPipeline.environment(spec, fetched),
                root,
                SpecPipeline.ArgvOrigin.of(parsed, "ud", image, "m"),
                new ArrayList<>());

        assertEquals(
                List.of(
                        "/bin/sh",
                        "-c",
                        "connect \"postgres://app:s3cr3t-from-ssm@db:5432\" --token=tok-123 --literal=s3cr3t-from-ssm"),
                boot.argv());
        List<String> shown = boot.shownArgv();
        // The literal written in user data stays; only what expansion put in is held back.
        assertEquals(
                List.of(
                        "/bin/sh",
                        "-c",
                        "connect \"postgres://app:$(DB_PASSWORD)@db:5432\" --token=$(TOKEN) --literal=s3cr3t-from-ssm"),
                shown);
        assertFalse(String.join(" ", shown).contains("tok-123"));

        LaunchPlan plan =
                LaunchPlan.of(new LaunchPlan.Inputs(userData, "ud", TestImage.UPSTREAM_METADATA, "m"), root, List.of());
        assertEquals(plan.argv(), shown);
        assertEquals(plan.argv(), plan.command().shownArgv());
    }

    /**
     * A fetched value with a NUL byte would be cut at execve (and used to end PID 1): refused,
     * naming the variable and every argument it reached, never showing the value.
     */
    @Test
    void aNulByteInAFetchedValueIsRefusedWithoutShowingIt(@TempDir Path dir) throws Exception {
        Root root = Root.at(TestImage.create(dir));
        UserDataReader.Parsed parsed = SpecPipeline.parse(USER_DATA.getBytes(StandardCharsets.UTF_8), "ud");
        ImageConfig image = SpecPipeline.image(TestImage.UPSTREAM_METADATA, "m");
        VmSpec spec = SpecPipeline.merge(image, "m", parsed.userData(), root);
        List<NameValue> fetched =
                List.of(new NameValue("DB_PASSWORD", "pass\0word"), new NameValue("TOKEN", "tok-123"));
        SpecException e = assertThrows(
                SpecException.class,
                () -> SpecPipeline.command(
                        spec,
                        SpecPipeline.environment(spec, fetched),
                        root,
                        SpecPipeline.ArgvOrigin.of(parsed, "ud", image, "m"),
                        new ArrayList<>()));
        List<String> problems = e.errors().stream().map(SpecProblem::format).toList();
        assertEquals(
                List.of(
                        "the command: argv[2]: contains a NUL byte, which no argument can hold",
                        "the command: env DB_URL: the value contains a NUL byte, which no environment variable can hold",
                        "the command: env DB_PASSWORD: the value contains a NUL byte, which no environment variable"
                                + " can hold"),
                problems);
        assertFalse(problems.toString().contains("pass"), problems::toString);
    }

    @Test
    void aNulByteInUserDataIsAnErrorAtItsField() {
        SpecException e = assertThrows(
                SpecException.class,
                () -> SpecPipeline.parse(
                        "env: [{name: A, value: \"x\\0y\"}]\n".getBytes(StandardCharsets.UTF_8), "ud"));
        assertEquals(
                List.of("ud:1:24: env[0].value: contains a NUL byte (\\0), which Linux cannot take in a string"),
                e.errors().stream().map(SpecProblem::format).toList());
    }
}
