package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code analyze} on the trace of a sandbox boot: {@code blame}, {@code critical-chain} and {@code
 * plot} must each read it, and what they print is kept with the console output and the trace in
 * {@code target/sandbox-boots/<scenario>/}, to look at after {@code make test}.
 */
final class BootReports {
    static final Path KEPT = Path.of("target/sandbox-boots");
    private static final Pattern BAR = Pattern.compile("<rect class=\"phase ");

    private BootReports() {}

    /** Checks and keeps the reports of one boot whose trace the harness kept at {@code trace}. */
    static void keep(Sandbox.Run run, Path trace) throws IOException {
        Path dir = Files.createDirectories(KEPT.resolve(run.scenario()));
        Files.writeString(dir.resolve("console.log"), run.output());
        if (!Files.isRegularFile(trace)) {
            return;
        }
        Files.copy(trace, dir.resolve("boot-trace.json"), StandardCopyOption.REPLACE_EXISTING);
        String blame = report("blame", trace);
        Files.writeString(dir.resolve("blame.txt"), blame);
        Files.writeString(dir.resolve("critical-chain.txt"), report("critical-chain", trace));
        String svg = report("plot", trace);
        Files.writeString(dir.resolve("boot-chart.svg"), svg);
        int phases = new ObjectMapper().readTree(trace.toFile()).get("phases").size();
        Matcher bars = BAR.matcher(svg);
        int count = 0;
        while (bars.find()) {
            count++;
        }
        assertEquals(phases, count, () -> "one bar per phase in the chart of " + run.scenario());
        assertEquals(phases + 3, blame.lines().count(), () -> "one line per phase in the blame of " + run.scenario());
    }

    private static String report(String command, Path trace) {
        Cli cli = Cli.run("analyze", command, trace.toString());
        assertEquals(0, cli.exitCode(), () -> "analyze " + command + " " + trace + ":\n" + cli.err());
        assertTrue(cli.err().isEmpty(), cli::err);
        return cli.out();
    }
}
