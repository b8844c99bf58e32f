package dev.easyto.init.spec;

import static dev.easyto.init.spec.NodeValues.describe;
import static dev.easyto.init.spec.NodeValues.join;
import static dev.easyto.init.spec.NodeValues.keyText;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The one kind key a {@code volumes[]} or {@code env-from[]} item carries, with its body. Unlike
 * an object's keys, an unknown or second kind here is an error, not a warning: upstream models
 * these items as tagged unions (see {@link Shape}) and we keep that strictness.
 */
record UnionItem(String kind, String path, Mapping body) {

    /** Reads items of {@code union} and binds each that has exactly one kind. */
    static <T> BiFunction<Node, String, T> binder(
            Shape union, String what, NodeValues values, Function<UnionItem, T> bind) {
        return (node, path) -> {
            UnionItem item = read(node, path, union, what, values);
            return item == null ? null : bind.apply(item);
        };
    }

    /**
     * The item's single kind with its body checked against that kind's shape, or null (already
     * reported) when it has not exactly one kind or the body is not a mapping.
     */
    private static UnionItem read(Node node, String path, Shape union, String what, NodeValues values) {
        ReadLog log = values.log();
        if (!(node instanceof MappingNode mapping)) {
            log.error(
                    node,
                    path,
                    "expected a mapping with one " + what + " (" + String.join(", ", union.keys()) + "), found "
                            + describe(node));
            return null;
        }
        List<NodeTuple> known = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode());
            if (key == null) {
                log.error(tuple.getKeyNode(), path, "keys must be strings");
            } else if (!union.keys().contains(key)) {
                log.error(
                        tuple.getKeyNode(),
                        join(path, key),
                        "unknown " + what + "; expected one of " + String.join(", ", union.keys()));
            } else {
                known.add(tuple);
            }
        }
        if (known.size() > 1) {
            log.error(
                    node,
                    path,
                    "an item must have exactly one " + what + ", found "
                            + known.stream().map(t -> keyText(t.getKeyNode())).collect(Collectors.joining(" and ")));
            return null;
        }
        if (known.isEmpty()) {
            if (mapping.getValue().isEmpty()) {
                log.error(node, path, "empty item; expected one of " + String.join(", ", union.keys()));
            }
            return null;
        }
        NodeTuple tuple = known.getFirst();
        String key = keyText(tuple.getKeyNode());
        String kindPath = join(path, key);
        Mapping body =
                Mapping.of(tuple.getValueNode(), kindPath, union.field(key).shape(), values);
        return body == null ? null : new UnionItem(key, kindPath, body);
    }
}
