package dev.easyto.init.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What reading one user-data document found: every problem, so that one run reports them all, and
 * where each path read stands, so that errors found after the merge can still point at the line.
 */
final class ReadLog {
    private final String source;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Map<String, UserDataReader.Position> positions = new HashMap<>();

    ReadLog(String source) {
        this.source = source;
    }

    void error(Node node, String path, String message) {
        problems.add(SpecProblem.error(
                source, node == null ? 0 : Yaml.line(node), node == null ? 0 : Yaml.column(node), path, message));
    }

    void warning(Node node, String path, String message) {
        problems.add(SpecProblem.warning(source, Yaml.line(node), Yaml.column(node), path, message));
    }

    /** Returns the path, so that a binder can record a position where it passes the path on. */
    String at(Node node, String path) {
        positions.put(path, new UserDataReader.Position(Yaml.line(node), Yaml.column(node)));
        return path;
    }

    /**
     * In document order, so they read top to bottom; the sort is stable, so problems at one spot
     * keep the order they were found in.
     */
    List<SpecProblem> problems() {
        List<SpecProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        return List.copyOf(sorted);
    }

    Map<String, UserDataReader.Position> positions() {
        return Map.copyOf(positions);
    }
}
