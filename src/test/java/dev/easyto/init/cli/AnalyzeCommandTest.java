package dev.easyto.init.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    static final String SAMPLE = "src/test/resources/dev/easyto/init/analyze/sample-boot.json";

    @TempDir
    Path dir;

    @Test
    void blameOfAFile() {
        Cli cli = Cli.run("analyze", "blame", SAMPLE);
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("boot at 2026-11-30T02:21:20Z: completed in 1357 ms"), cli.out());
        assertTrue(cli.out().contains("550 ms   +513 ms  resolve-env      done\n"), cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void criticalChainFromStandardInput() throws IOException {
        Cli cli = Cli.runWithStdin(Files.readAllBytes(Path.of(SAMPLE)), "analyze", "critical-chain", "-");
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("command @1357 ms (3684 ms after PID 1 started)\n└─init-scripts"), cli.out());
    }

    @Test
    void plotPrintsAnSvgDocument() {
        Cli cli = Cli.run("analyze", "plot", SAMPLE);
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), cli.out());
        assertTrue(cli.out().endsWith("</svg>\n"), cli.out());
    }

    @Test
    void aTruncatedTraceIsAnErrorWithoutAStackTrace() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(SAMPLE));
        Path cut = Files.write(dir.resolve("boot-trace.json"), Arrays.copyOf(whole, 700));
        for (String command : new String[] {"blame", "critical-chain", "plot"}) {
            Cli cli = Cli.run("analyze", command, cut.toString());
            assertEquals(2, cli.exitCode(), command);
            assertEquals("", cli.out(), command);
            assertEquals(
                    "error: " + cut + ":33:25: the trace ends in the middle of its JSON: it is truncated\n",
                    cli.err(),
                    command);
        }
    }

    @Test
    void aMissingFieldFromStandardInput() {
        Cli cli = Cli.runWithStdin("{\"version\": 1}".getBytes(StandardCharsets.UTF_8), "analyze", "blame", "-");
        assertEquals(2, cli.exitCode());
        assertEquals("error: <stdin>:1:1: no \"boot-started-epoch-ms\" field\n", cli.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli cli = Cli.run("analyze", "blame", dir.resolve("nothing.json").toString());
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("TRACE: no such file: " + dir.resolve("nothing.json")), cli.err());
        assertFalse(cli.err().contains("Exception"), cli.err());
    }

    @Test
    void withoutATraceItReadsThisBootsOwn() {
        Cli cli = Cli.run("analyze", "blame");
        // Not on an instance: the boot's trace is not there.
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("TRACE: no such file: /.easyto/run/boot-trace.json"), cli.err());
    }

    @Test
    void withoutASubcommandItSaysWhichThereAre() {
        Cli cli = Cli.run("analyze");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("Missing subcommand: blame, critical-chain or plot"), cli.err());
    }
}
