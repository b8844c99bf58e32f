package dev.easyto.init.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The boot graph as the application wires it, in one table: every phase and what it waits for.
 * Building the orchestrator bean checks the graph (producers, cycles); this test pins its shape
 * so a change to the boot order is a deliberate one.
 */
@QuarkusTest
class BootPhasesTest {
    @Inject
    BootOrchestrator orchestrator;

    @Test
    void theBootGraph() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("base-mounts", List.of());
        expected.put("read-metadata", List.of());
        expected.put("test-mode", List.of("base-mounts"));
        expected.put("network", List.of("base-mounts"));
        expected.put("device-names", List.of("base-mounts"));
        expected.put("grow-root", List.of("base-mounts"));
        expected.put("set-hostname", List.of("network"));
        expected.put("fetch-user-data", List.of("network"));
        expected.put("write-user-data", List.of("fetch-user-data"));
        expected.put("parse-user-data", List.of("fetch-user-data"));
        expected.put("merge-spec", List.of("parse-user-data", "read-metadata"));
        expected.put("load-modules", List.of("merge-spec"));
        expected.put("set-sysctls", List.of("merge-spec", "load-modules"));
        expected.put("resolve-env", List.of("merge-spec", "network"));
        expected.put("ebs-volumes", List.of("merge-spec", "base-mounts", "device-names", "network", "load-modules"));
        expected.put("volumes", List.of("merge-spec", "resolve-env", "ebs-volumes"));
        expected.put(
                "init-scripts",
                List.of("merge-spec", "resolve-env", "load-modules", "set-sysctls", "volumes", "base-mounts"));
        expected.put("build-command", List.of("merge-spec", "resolve-env", "ebs-volumes"));

        BootGraph graph = orchestrator.graph();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            actual.put(name, graph.dependencies(name));
        }
        assertEquals(expected, actual);
        assertEquals(expected.keySet(), new HashSet<>(graph.order()));
    }
}
