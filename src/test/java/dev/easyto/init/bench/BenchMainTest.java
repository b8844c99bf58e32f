package dev.easyto.init.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMainTest {
    @TempDir
    Path dir;

    private static Path trace(String name) throws URISyntaxException {
        return Path.of(BenchMainTest.class
                .getResource("/dev/easyto/init/analyze/" + name)
                .toURI());
    }

    @Test
    void runsAreReadWithTheirTracesPerArtifact() throws Exception {
        Path sample = trace("sample-boot.json");
        Path results = dir.resolve("results");
        Files.writeString(results, "jvm 2350 114952 " + sample + "\nnative 250 54084 " + sample + "\n\n");
        Map<String, List<BenchRun>> runs = BenchMain.runs(results);
        assertEquals(List.of("jvm", "native"), List.copyOf(runs.keySet()));
        BenchRun run = runs.get("native").getFirst();
        assertEquals(250, run.commandStartMs());
        assertEquals(54084, run.rssKb());
        // sample-boot.json: "total-ms" : 1357, base-mounts 35 ms, network 88 ms.
        assertEquals(1357, run.bootMs());
        assertEquals(35L, run.phasesMs().get("base-mounts"));
        assertEquals(88L, run.phasesMs().get("network"));
    }

    @Test
    void aFailedBootIsNotBenchmarked() throws Exception {
        assertThrows(IOException.class, () -> BenchMain.run(1, 1, trace("invalid-userdata-boot.json")));
    }

    @Test
    void fetchRunsAreReadPerArtifact() throws Exception {
        Path fetches = dir.resolve("fetches");
        Files.writeString(fetches, "jvm 12 900 850 1900\nnative 12 80 55 250\n");
        Map<String, List<FetchRun>> runs = BenchMain.fetches(fetches);
        assertEquals(List.of(new FetchRun(12, 80, 55, 250)), runs.get("native"));
        Files.writeString(fetches, "jvm 12 900\n");
        assertThrows(IllegalArgumentException.class, () -> BenchMain.fetches(fetches));
    }

    @Test
    void aMalformedResultsLineIsRefused() throws Exception {
        Path results = dir.resolve("results");
        Files.writeString(results, "jvm 2350\n");
        assertThrows(IllegalArgumentException.class, () -> BenchMain.runs(results));
    }
}
