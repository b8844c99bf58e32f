package dev.easyto.init.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What make bench reports of its runs, per artifact (jvm, native): {@code target/bench.json} as
 * {@code {"runs": N, "artifacts": {"jvm": M, "native": M}}}, each M with {@code command_start_ms}
 * (median, p95), {@code boot_ms} (median), {@code phases_ms} (median per phase), {@code rss_kb}
 * (median), {@code size_bytes} and {@code size_of} (what the size counts), and, when the fetch
 * benchmark ran, {@code fetch_ms}: {@code fetches} (how many the init made of 20 SSM parameters and
 * 10 secrets), {@code wall_median}, {@code slowest_single_median} and {@code sum_median}; and the
 * same side by side as a table.
 */
final class BenchReport {
    /** One artifact: its runs, and the size of what a user installs and what that is. */
    record Artifact(String name, List<BenchRun> runs, long sizeBytes, String sizeOf, List<FetchRun> fetches) {
        Artifact {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException(name + ": no runs");
            }
            runs = List.copyOf(runs);
            fetches = List.copyOf(fetches);
        }

        Artifact(String name, List<BenchRun> runs, long sizeBytes, String sizeOf) {
            this(name, runs, sizeBytes, sizeOf, List.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Artifact> artifacts;

    BenchReport(List<Artifact> artifacts) {
        this.artifacts = List.copyOf(artifacts);
    }

    /** The JSON tree of bench.json: maps in the order they print. */
    Map<String, Object> tree() {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            byName.put(artifact.name(), artifactTree(artifact));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runs", artifacts.stream().mapToInt(a -> a.runs().size()).min().orElse(0));
        root.put("artifacts", byName);
        return root;
    }

    String json() {
        try {
            return JSON.writeValueAsString(tree()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> artifactTree(Artifact artifact) {
        List<BenchRun> runs = artifact.runs();
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Long> commandStart = runs.stream().map(BenchRun::commandStartMs).toList();
        Map<String, Object> commandStartStats = new LinkedHashMap<>();
        commandStartStats.put("median", Stats.plain(Stats.median(commandStart)));
        commandStartStats.put("p95", Stats.plain(Stats.p95(commandStart)));
        tree.put("command_start_ms", commandStartStats);
        tree.put(
                "boot_ms",
                Map.of(
                        "median",
                        Stats.plain(
                                Stats.median(runs.stream().map(BenchRun::bootMs).toList()))));
        tree.put("phases_ms", phaseMedians(runs));
        tree.put(
                "rss_kb",
                Map.of(
                        "median",
                        Stats.plain(
                                Stats.median(runs.stream().map(BenchRun::rssKb).toList()))));
        tree.put("size_bytes", artifact.sizeBytes());
        tree.put("size_of", artifact.sizeOf());
        if (!artifact.fetches().isEmpty()) {
            tree.put("fetch_ms", fetchTree(artifact.fetches()));
        }
        return tree;
    }

    /** The fetch benchmark's medians: wall time of all fetches against the slowest single one. */
    private static Map<String, Object> fetchTree(List<FetchRun> fetches) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("fetches", fetches.getFirst().fetches());
        tree.put(
                "wall_median",
                Stats.plain(Stats.median(fetches.stream().map(FetchRun::wallMs).toList())));
        tree.put(
                "slowest_single_median",
                Stats.plain(
                        Stats.median(fetches.stream().map(FetchRun::slowestMs).toList())));
        tree.put(
                "sum_median",
                Stats.plain(Stats.median(fetches.stream().map(FetchRun::sumMs).toList())));
        return tree;
    }

    /** Each phase's median over the runs that recorded it, by phase name. */
    private static Map<String, Object> phaseMedians(List<BenchRun> runs) {
        TreeSet<String> names = new TreeSet<>();
        runs.forEach(run -> names.addAll(run.phasesMs().keySet()));
        Map<String, Object> medians = new LinkedHashMap<>();
        for (String name : names) {
            List<Long> durations = new ArrayList<>();
            runs.forEach(run -> {
                Long duration = run.phasesMs().get(name);
                if (duration != null) {
                    durations.add(duration);
                }
            });
            medians.put(name, Stats.plain(Stats.median(durations)));
        }
        return medians;
    }

    /** The artifacts side by side, one row per figure, then one per phase by name. */
    @SuppressWarnings("unchecked")
    String table() {
        Map<String, Object> tree = (Map<String, Object>) tree().get("artifacts");
        List<String> names = List.copyOf(tree.keySet());
        List<Map<String, Object>> columns = new ArrayList<>();
        names.forEach(name -> columns.add((Map<String, Object>) tree.get(name)));
        StringBuilder out = new StringBuilder();
        row(out, "(" + tree().get("runs") + " runs each)", names);
        row(out, "command start median ms", values(columns, "command_start_ms", "median"));
        row(out, "command start p95 ms", values(columns, "command_start_ms", "p95"));
        row(out, "boot median ms", values(columns, "boot_ms", "median"));
        row(out, "PID 1 RSS median kB", values(columns, "rss_kb", "median"));
        row(
                out,
                "size bytes",
                columns.stream().map(c -> String.valueOf(c.get("size_bytes"))).toList());
        if (columns.stream().allMatch(c -> c.containsKey("fetch_ms"))) {
            row(out, "30 env-from: wall med ms", values(columns, "fetch_ms", "wall_median"));
            row(out, "  slowest single med ms", values(columns, "fetch_ms", "slowest_single_median"));
            row(out, "  sum of fetches med ms", values(columns, "fetch_ms", "sum_median"));
        }
        TreeSet<String> phases = new TreeSet<>();
        columns.forEach(c -> phases.addAll(((Map<String, Object>) c.get("phases_ms")).keySet()));
        for (String phase : phases) {
            row(
                    out,
                    "  " + phase + " ms",
                    columns.stream()
                            .map(c ->
                                    String.valueOf(((Map<String, Object>) c.get("phases_ms")).getOrDefault(phase, "-")))
                            .toList());
        }
        for (int i = 0; i < names.size(); i++) {
            out.append("size of ")
                    .append(names.get(i))
                    .append(": ")
                    .append(columns.get(i).get("size_of"))
                    .append('\n');
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(List<Map<String, Object>> columns, String figure, String statistic) {
        return columns.stream()
                .map(c -> String.valueOf(((Map<String, Object>) c.get(figure)).get(statistic)))
                .toList();
    }

    private static void row(StringBuilder out, String label, List<String> cells) {
        out.append(String.format("%-26s", label));
        cells.forEach(cell -> out.append(String.format("%14s", cell)));
        out.append('\n');
    }
}
