package dev.easyto.init.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every scenario is either on the sandbox list or named, with a reason, in its closing comment. */
class ScenarioListTest {

    @Test
    void everyScenarioIsListedOrExplained() throws IOException {
        Path list = Sandbox.SANDBOX.resolve("scenarios.txt");
        Set<String> accounted = new TreeSet<>(Sandbox.scenarioList(list));
        for (String line : Files.readAllLines(list)) {
            if (line.startsWith("# - ")) {
                for (String name : line.substring(4, line.indexOf(":")).split(",", -1)) {
                    accounted.add(name.strip());
                }
            }
        }
        Set<String> scenarios = new TreeSet<>();
        try (Stream<Path> entries = Files.list(Sandbox.SCENARIOS)) {
            entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .forEach(scenarios::add);
        }
        assertEquals(scenarios, accounted, "scenarios.txt must list or explain each of " + List.copyOf(scenarios));
    }
}
