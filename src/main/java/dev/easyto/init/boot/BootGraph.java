package dev.easyto.init.boot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The boot phases as a dependency graph: phase A depends on phase B when A consumes what B
 * produces, or is declared to run after it. Building it checks the graph is sound (every consumed type has exactly one producer,
 * names are unique, no cycles), so a broken graph is found when the application is tested and
 * built, not on an instance.
 */
public final class BootGraph {
    private final Map<String, Phase<?>> byName;
    private final Map<String, List<String>> dependencies;
    private final List<String> order;

    private BootGraph(Map<String, Phase<?>> byName, Map<String, List<String>> dependencies, List<String> order) {
        this.byName = byName;
        this.dependencies = dependencies;
        this.order = order;
    }

    public static BootGraph of(Collection<? extends Phase<?>> phases) {
        List<String> problems = new ArrayList<>();
        Map<String, Phase<?>> byName = new LinkedHashMap<>();
        Map<Class<?>, String> producers = new HashMap<>();
        for (Phase<?> phase : phases) {
            if (byName.put(phase.name(), phase) != null) {
                problems.add("two phases are named " + phase.name());
            }
            String previous = producers.put(phase.produces(), phase.name());
            if (previous != null) {
                problems.add(
                        phase.produces().getSimpleName() + " is produced by both " + previous + " and " + phase.name());
            }
        }
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        for (Phase<?> phase : byName.values()) {
            Set<String> deps = new LinkedHashSet<>();
            addProducers(phase, "consumes", phase.consumes(), producers, deps, problems);
            addProducers(phase, "runs after", phase.after(), producers, deps, problems);
            dependencies.put(phase.name(), List.copyOf(deps));
        }
        List<String> order = problems.isEmpty() ? topologicalOrder(dependencies, problems) : List.of();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid boot graph: " + String.join("; ", problems));
        }
        return new BootGraph(byName, dependencies, order);
    }

    private static void addProducers(
            Phase<?> phase,
            String relation,
            List<Class<?>> types,
            Map<Class<?>, String> producers,
            Set<String> deps,
            List<String> problems) {
        for (Class<?> type : types) {
            String producer = producers.get(type);
            if (producer == null) {
                problems.add(phase.name() + " " + relation + " " + type.getSimpleName() + ", which no phase produces");
            } else {
                deps.add(producer);
            }
        }
    }

    /** Repeatedly takes every phase whose dependencies are all placed; what is never placed is on a cycle. */
    private static List<String> topologicalOrder(Map<String, List<String>> dependencies, List<String> problems) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        boolean progressed = true;
        while (progressed) {
            progressed = false;
            for (Map.Entry<String, List<String>> entry : dependencies.entrySet()) {
                if (!placed.contains(entry.getKey()) && placed.containsAll(entry.getValue())) {
                    placed.add(entry.getKey());
                    order.add(entry.getKey());
                    progressed = true;
                }
            }
        }
        if (order.size() != dependencies.size()) {
            List<String> cyclic = new ArrayList<>(dependencies.keySet());
            cyclic.removeAll(placed);
            problems.add("dependency cycle among " + String.join(", ", cyclic));
        }
        return List.copyOf(order);
    }

    public Phase<?> phase(String name) {
        return byName.get(name);
    }

    /** Names of the phases this one waits for. */
    public List<String> dependencies(String name) {
        return dependencies.get(name);
    }

    /** Every phase, dependencies before dependents. */
    public List<String> order() {
        return order;
    }
}
