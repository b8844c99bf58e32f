package dev.easyto.init.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static BenchRun run(long commandStart, long boot, long network, long rss) {
        return new BenchRun(commandStart, boot, Map.of("network", network, "base-mounts", 4L), rss);
    }

    private static BenchReport report() {
        return new BenchReport(List.of(
                new BenchReport.Artifact(
                        "jvm",
                        List.of(run(2300, 370, 90, 114000), run(2400, 380, 91, 115000), run(2350, 360, 92, 114500)),
                        60_000_000L,
                        "runtime and application",
                        List.of(new FetchRun(12, 900, 850, 1900), new FetchRun(12, 1000, 950, 2100))),
                new BenchReport.Artifact(
                        "native",
                        List.of(run(120, 20, 2, 30000), run(100, 15, 3, 31000), run(110, 18, 2, 30500)),
                        70_000_000L,
                        "executable and lib/",
                        List.of(
                                new FetchRun(12, 90, 60, 300),
                                new FetchRun(12, 70, 50, 200),
                                new FetchRun(12, 80, 55, 250)))));
    }

    private static JsonNode json() throws Exception {
        return new ObjectMapper().readTree(report().json());
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The shape issue 6 asks of target/bench.json; a change here is a change of format. */
    @Test
    void benchJsonHasTheAgreedShape() throws Exception {
        JsonNode root = json();
        assertEquals(Set.of("runs", "artifacts"), keys(root));
        assertTrue(root.get("runs").isIntegralNumber());
        assertEquals(Set.of("jvm", "native"), keys(root.get("artifacts")));
        for (JsonNode artifact : root.get("artifacts")) {
            assertEquals(
                    Set.of("command_start_ms", "boot_ms", "phases_ms", "rss_kb", "size_bytes", "size_of", "fetch_ms"),
                    keys(artifact));
            assertEquals(
                    Set.of("fetches", "wall_median", "slowest_single_median", "sum_median"),
                    keys(artifact.get("fetch_ms")));
            artifact.get("fetch_ms").forEach(figure -> assertTrue(figure.isNumber()));
            assertEquals(Set.of("median", "p95"), keys(artifact.get("command_start_ms")));
            assertEquals(Set.of("median"), keys(artifact.get("boot_ms")));
            assertEquals(Set.of("median"), keys(artifact.get("rss_kb")));
            assertTrue(artifact.get("phases_ms").isObject());
            artifact.get("phases_ms").forEach(median -> assertTrue(median.isNumber()));
            assertTrue(artifact.get("size_bytes").isIntegralNumber());
            assertTrue(artifact.get("size_of").isTextual());
        }
    }

    @Test
    void figuresAreTheMediansAndP95OfTheRuns() throws Exception {
        JsonNode root = json();
        assertEquals(3, root.get("runs").asInt());
        JsonNode jvm = root.get("artifacts").get("jvm");
        assertEquals(2350, jvm.get("command_start_ms").get("median").asLong());
        assertEquals(2400, jvm.get("command_start_ms").get("p95").asLong());
        assertEquals(370, jvm.get("boot_ms").get("median").asLong());
        assertEquals(114500, jvm.get("rss_kb").get("median").asLong());
        assertEquals(91, jvm.get("phases_ms").get("network").asLong());
        assertEquals(60_000_000L, jvm.get("size_bytes").asLong());
        JsonNode nativeImage = root.get("artifacts").get("native");
        assertEquals(110, nativeImage.get("command_start_ms").get("median").asLong());
        assertEquals(2, nativeImage.get("phases_ms").get("network").asLong());
        assertEquals("executable and lib/", nativeImage.get("size_of").asText());
        assertEquals(950, jvm.get("fetch_ms").get("wall_median").asLong());
        assertEquals(900, jvm.get("fetch_ms").get("slowest_single_median").asLong());
        assertEquals(80, nativeImage.get("fetch_ms").get("wall_median").asLong());
        assertEquals(
                55, nativeImage.get("fetch_ms").get("slowest_single_median").asLong());
        assertEquals(250, nativeImage.get("fetch_ms").get("sum_median").asLong());
        assertEquals(12, nativeImage.get("fetch_ms").get("fetches").asInt());
    }

    @Test
    void withoutTheFetchBenchmarkThereIsNoFetchFigure() throws Exception {
        BenchReport report =
                new BenchReport(List.of(new BenchReport.Artifact("native", List.of(run(1, 1, 1, 1)), 1, "x")));
        JsonNode artifact =
                new ObjectMapper().readTree(report.json()).get("artifacts").get("native");
        assertTrue(!artifact.has("fetch_ms"));
        assertTrue(report.table().lines().noneMatch(l -> l.contains("env-from")));
    }

    @Test
    void aPhaseSomeRunsLackIsTheMedianOfThoseThatHaveIt() throws Exception {
        List<BenchRun> runs = new ArrayList<>();
        runs.add(new BenchRun(100, 20, Map.of("volumes", 7L), 30000));
        runs.add(new BenchRun(100, 20, Map.of(), 30000));
        runs.add(new BenchRun(100, 20, Map.of("volumes", 9L), 30000));
        BenchReport report = new BenchReport(List.of(new BenchReport.Artifact("native", runs, 1, "x")));
        JsonNode root = new ObjectMapper().readTree(report.json());
        assertEquals(
                8,
                root.get("artifacts")
                        .get("native")
                        .get("phases_ms")
                        .get("volumes")
                        .asLong());
    }

    @Test
    void tableShowsTheArtifactsSideBySide() {
        String table = report().table();
        assertTrue(table.lines().anyMatch(l -> l.matches("command start median ms +2350 +110")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("PID 1 RSS median kB +114500 +30500")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches(" +network ms +91 +2")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("30 env-from: wall med ms +950 +80")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("  slowest single med ms +900 +55")), table);
    }
}
