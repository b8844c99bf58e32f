package dev.easyto.init.spec;

import static dev.easyto.init.spec.NodeValues.describe;
import static dev.easyto.init.spec.NodeValues.join;
import static dev.easyto.init.spec.NodeValues.keyText;

import dev.easyto.init.spec.Shape.Field;
import dev.easyto.init.spec.Shape.Kind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping checked against an object shape, with typed reads of its keys. Each read checks
 * the key is declared with that kind, so binding code cannot drift from {@link UserDataSchema}.
 * Unknown keys are only a warning: upstream ignores them, and an AMI that boots upstream must boot
 * here.
 */
final class Mapping {
    private final NodeValues values;
    private final Shape shape;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> entries;
    // A value is read once, so a key read twice (to bind it, then to check it) reports once.
    private final Map<String, Object> cache = new HashMap<>();

    private Mapping(NodeValues values, Shape shape, String path, Node node, Map<String, NodeTuple> entries) {
        this.values = values;
        this.shape = shape;
        this.path = path;
        this.node = node;
        this.entries = entries;
    }

    /** The mapping at {@code node}, or null (reported) when it is not one. */
    static Mapping of(Node node, String path, Shape shape, NodeValues values) {
        ReadLog log = values.log();
        if (!(node instanceof MappingNode mapping)) {
            log.error(node, path, "expected a mapping (" + shape.name() + "), found " + describe(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode());
            if (key == null) {
                log.error(tuple.getKeyNode(), path, "keys must be strings, found " + describe(tuple.getKeyNode()));
                continue;
            }
            if (entries.containsKey(key)) {
                log.error(
                        tuple.getKeyNode(),
                        join(path, key),
                        "duplicate key (first at line "
                                + Yaml.line(entries.get(key).getKeyNode()) + ")");
                continue;
            }
            entries.put(key, tuple);
            if (!shape.keys().contains(key)) {
                log.warning(tuple.getKeyNode(), join(path, key), "unknown key ignored");
            }
        }
        for (Field field : shape.fields()) {
            NodeTuple tuple = entries.get(field.key());
            if (field.required() && (tuple == null || Yaml.isNull(tuple.getValueNode()))) {
                log.error(
                        tuple == null ? node : tuple.getValueNode(), join(path, field.key()), "missing required field");
            }
        }
        return new Mapping(values, shape, path, node, entries);
    }

    boolean has(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && !Yaml.isNull(tuple.getValueNode());
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node : tuple.getKeyNode();
    }

    Node valueNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? node : tuple.getValueNode();
    }

    Node itemNode(String key, int index) {
        Node value = valueNode(key);
        if (value instanceof SequenceNode sequence
                && index < sequence.getValue().size()) {
            return sequence.getValue().get(index);
        }
        return value;
    }

    String string(String key) {
        return read(key, Kind.STRING, values::string);
    }

    Boolean bool(String key) {
        return read(key, Kind.BOOLEAN, values::bool);
    }

    boolean flag(String key) {
        return Boolean.TRUE.equals(bool(key));
    }

    Long id(String key) {
        return read(key, Kind.ID, values::id);
    }

    Long uint64(String key) {
        return read(key, Kind.UINT64, values::uint64);
    }

    String mode(String key) {
        return read(key, Kind.MODE, values::mode);
    }

    List<String> strings(String key) {
        return read(key, Kind.STRING_LIST, (n, p) -> values.sequence(n, p, values::string));
    }

    <T> T object(String key, BiFunction<Node, String, T> binder) {
        return read(key, Kind.OBJECT, binder);
    }

    <T> List<T> list(String key, BiFunction<Node, String, T> itemBinder) {
        return read(key, Kind.OBJECT_LIST, (n, p) -> values.sequence(n, p, itemBinder));
    }

    Object any(String key) {
        return read(key, Kind.ANY, values::plain);
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String key, Kind kind, BiFunction<Node, String, T> binder) {
        Field field = shape.field(key);
        if (field.kind() != kind) {
            throw new IllegalStateException(
                    shape.name() + "." + key + " is declared " + field.kind() + ", read as " + kind);
        }
        if (cache.containsKey(key)) {
            return (T) cache.get(key);
        }
        NodeTuple tuple = entries.get(key);
        T value = tuple == null || Yaml.isNull(tuple.getValueNode())
                ? null
                : binder.apply(tuple.getValueNode(), values.log().at(tuple.getValueNode(), join(path, key)));
        cache.put(key, value);
        return value;
    }
}
