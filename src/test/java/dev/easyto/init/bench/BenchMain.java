package dev.easyto.init.bench;

import dev.easyto.init.analyze.PhaseRun;
import dev.easyto.init.analyze.RecordedBoot;
import dev.easyto.init.analyze.TraceException;
import dev.easyto.init.analyze.TraceReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * make bench's report (src/test/bench/boot-bench.sh runs it): reads the runs the script recorded
 * and writes {@code bench.json} and the table on standard output.
 *
 * <p>{@code BenchMain RESULTS OUT.json [--fetches=FETCHES] NAME=SIZE_BYTES=WHAT...}: RESULTS has
 * one line per run, {@code ARTIFACT COMMAND_START_MS RSS_KB TRACE}, TRACE the run's boot trace,
 * read by the init's own trace reader for the boot's duration and its phases'; FETCHES one line
 * per run of the fetch benchmark, {@code ARTIFACT FETCHES WALL_MS SLOWEST_MS SUM_MS}; then, per
 * artifact in the order the report shows them, its size in bytes and what that counts.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: BenchMain RESULTS OUT.json NAME=SIZE_BYTES=WHAT...");
            System.exit(2);
        }
        Map<String, List<BenchRun>> runs = runs(Path.of(args[0]));
        Map<String, List<FetchRun>> fetches = Map.of();
        List<BenchReport.Artifact> artifacts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].startsWith("--fetches=")) {
                fetches = fetches(Path.of(args[i].substring("--fetches=".length())));
                continue;
            }
            String[] size = args[i].split("=", 3);
            List<BenchRun> own = runs.get(size[0]);
            if (size.length != 3 || own == null) {
                throw new IllegalArgumentException("no runs of " + args[i] + " (expected NAME=SIZE_BYTES=WHAT)");
            }
            artifacts.add(new BenchReport.Artifact(
                    size[0], own, Long.parseLong(size[1]), size[2], fetches.getOrDefault(size[0], List.of())));
        }
        BenchReport report = new BenchReport(artifacts);
        Files.writeString(Path.of(args[1]), report.json(), StandardCharsets.UTF_8);
        System.out.print(report.table());
    }

    static Map<String, List<BenchRun>> runs(Path results) throws IOException {
        Map<String, List<BenchRun>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ", 4);
            if (fields.length != 4) {
                throw new IllegalArgumentException(
                        results + ": expected ARTIFACT COMMAND_START_MS RSS_KB TRACE: " + line);
            }
            runs.computeIfAbsent(fields[0], name -> new ArrayList<>())
                    .add(run(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Path.of(fields[3])));
        }
        return runs;
    }

    static Map<String, List<FetchRun>> fetches(Path results) throws IOException {
        Map<String, List<FetchRun>> fetches = new LinkedHashMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.strip().split(" ", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException(
                        results + ": expected ARTIFACT FETCHES WALL_MS SLOWEST_MS SUM_MS: " + line);
            }
            fetches.computeIfAbsent(fields[0], name -> new ArrayList<>())
                    .add(new FetchRun(
                            Integer.parseInt(fields[1]),
                            Long.parseLong(fields[2]),
                            Long.parseLong(fields[3]),
                            Long.parseLong(fields[4])));
        }
        return fetches;
    }

    static BenchRun run(long commandStartMs, long rssKb, Path trace) throws IOException {
        RecordedBoot boot;
        try {
            boot = TraceReader.read(Files.readAllBytes(trace), trace.toString());
        } catch (TraceException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (boot.ending() != RecordedBoot.Ending.COMPLETED) {
            throw new IOException(trace + ": the boot did not complete (" + boot.ending() + ")");
        }
        Map<String, Long> phases = new LinkedHashMap<>();
        for (PhaseRun phase : boot.phases()) {
            phases.put(phase.name(), phase.durationMs());
        }
        return new BenchRun(commandStartMs, boot.totalMs(), phases, rssKb);
    }
}
