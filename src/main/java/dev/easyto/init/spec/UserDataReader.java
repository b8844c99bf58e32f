package dev.easyto.init.spec;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a user-data YAML document to {@link UserData}, collecting every problem with its path and
 * position instead of stopping at the first. The keys each object may hold come from {@link
 * UserDataSchema}; unknown keys are ignored with a warning (upstream ignores them, and an AMI that
 * boots upstream must boot here), except at the item level of {@code volumes} and {@code env-from},
 * where an unknown or second kind is an error.
 */
public final class UserDataReader {
    private UserDataReader() {}

    /**
     * Parses user data text. Empty or whitespace-only text, or a document that is only YAML null,
     * means no user data. Returns the user data with its warnings, or throws with all errors.
     */
    public static Parsed parse(String text, String source) throws SpecException {
        if (text.isBlank()) {
            return new Parsed(UserData.NONE, List.of(), Map.of());
        }
        Node root = Yaml.compose(text, source);
        ReadLog log = new ReadLog(source);
        UserData userData = Yaml.isNull(root) ? UserData.NONE : new UserDataBinder(new NodeValues(log)).userData(root);
        List<SpecProblem> problems = log.problems();
        if (problems.stream().anyMatch(SpecProblem::isError)) {
            throw new SpecException(problems);
        }
        return new Parsed(userData, problems, log.positions());
    }

    /**
     * User data, the warnings found while reading it, and where each value read stands in the
     * document (by path, e.g. {@code command[0]}), for errors found later, after the merge.
     */
    public record Parsed(UserData userData, List<SpecProblem> warnings, Map<String, Position> positions) {

        /** Where a path stands, or {@link Position#UNKNOWN}. */
        public Position position(String path) {
            return positions.getOrDefault(path, Position.UNKNOWN);
        }
    }

    /** A 1-based line and column; 0 when unknown. */
    public record Position(int line, int column) {
        public static final Position UNKNOWN = new Position(0, 0);
    }
}
