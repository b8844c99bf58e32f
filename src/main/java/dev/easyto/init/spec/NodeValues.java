package dev.easyto.init.spec;

import dev.easyto.init.spec.Yaml.ScalarType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML node as the kind of value the schema declares, reporting a mismatch to the log
 * and returning null so that reading goes on and every problem is found in one run.
 */
final class NodeValues {
    private static final BigInteger ID_MAX = BigInteger.valueOf(Ids.MAX);
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{1,4}");

    private final ReadLog log;

    NodeValues(ReadLog log) {
        this.log = log;
    }

    ReadLog log() {
        return log;
    }

    <T> List<T> sequence(Node node, String path, BiFunction<Node, String, T> itemBinder) {
        if (!(node instanceof SequenceNode sequence)) {
            log.error(node, path, "expected a list, found " + describe(node));
            return null;
        }
        List<T> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String itemPath = path + "[" + i + "]";
            if (Yaml.isNull(item)) {
                log.error(item, itemPath, "list items must not be null");
                items.add(null);
            } else {
                items.add(itemBinder.apply(item, log.at(item, itemPath)));
            }
        }
        return items;
    }

    /** Strings accept any scalar as its text: upstream reads {@code value: 123} as "123". */
    String string(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            if (NulBytes.has(scalar.getValue())) {
                // Every string here ends up a C string (a path, a name, an argument, a value).
                log.error(node, path, "contains a NUL byte (\\0), which Linux cannot take in a string");
                return null;
            }
            return scalar.getValue();
        }
        log.error(node, path, "expected a string, found " + describe(node));
        return null;
    }

    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && Yaml.typeOf(scalar) == ScalarType.BOOLEAN) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        log.error(node, path, "expected true or false, found " + describe(node));
        return null;
    }

    /** A uid or gid: {@link Ids#RANGE}. */
    Long id(Node node, String path) {
        if (node instanceof ScalarNode scalar && Yaml.typeOf(scalar) == ScalarType.INTEGER) {
            BigInteger value = integerValue(scalar.getValue());
            if (value.signum() >= 0 && value.compareTo(ID_MAX) <= 0) {
                return value.longValue();
            }
            log.error(node, path, "must be " + Ids.RANGE + ", found " + scalar.getValue());
            return null;
        }
        log.error(node, path, "expected a whole number, found " + describe(node));
        return null;
    }

    Long uint64(Node node, String path) {
        return unsigned(node, path, UINT64_MAX);
    }

    private Long unsigned(Node node, String path, BigInteger max) {
        if (node instanceof ScalarNode scalar && Yaml.typeOf(scalar) == ScalarType.INTEGER) {
            BigInteger value = integerValue(scalar.getValue());
            if (value.signum() >= 0 && value.compareTo(max) <= 0) {
                return value.longValue();
            }
            log.error(node, path, "must be between 0 and " + max + ", found " + scalar.getValue());
            return null;
        }
        log.error(node, path, "expected a whole number, found " + describe(node));
        return null;
    }

    String mode(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            ScalarType type = Yaml.typeOf(scalar);
            if (type == ScalarType.INTEGER) {
                log.error(
                        node,
                        path,
                        "must be a quoted octal string such as \"0755\"; the unquoted YAML integer "
                                + scalar.getValue()
                                + " is read as a number, not a mode");
                return null;
            }
            if (type == ScalarType.STRING
                    && OCTAL_MODE.matcher(scalar.getValue()).matches()) {
                return scalar.getValue();
            }
            log.error(node, path, "must be an octal mode of 1 to 4 digits such as \"0755\", found " + describe(node));
            return null;
        }
        log.error(node, path, "expected a quoted octal string such as \"0755\", found " + describe(node));
        return null;
    }

    /**
     * Most values template variables may expand to through YAML aliases. SnakeYAML's alias limit
     * counts references, not what they expand to: ten levels of five aliases each stay under it
     * and still make millions of values, which a PID 1 would hold in memory.
     */
    static final int MAX_PLAIN_VALUES = 100_000;

    /**
     * A YAML value as plain Java data, for template variables; non-string keys are kept as they
     * are. Null, with an error at {@code path}, when an alias makes the value contain itself (it
     * would never end) or the value expands beyond {@link #MAX_PLAIN_VALUES}.
     */
    Object plain(Node node, String path) {
        int[] budget = {MAX_PLAIN_VALUES};
        try {
            return plain(node, Collections.newSetFromMap(new IdentityHashMap<>()), budget);
        } catch (Recursive e) {
            log.error(e.node, path, "a YAML alias makes this value contain itself");
        } catch (TooLarge e) {
            log.error(node, path, "expands to more than " + MAX_PLAIN_VALUES + " values through YAML aliases");
        }
        return null;
    }

    private static Object plain(Node node, Set<Node> enclosing, int[] budget) {
        if (--budget[0] < 0) {
            throw new TooLarge();
        }
        return switch (node) {
            case MappingNode mapping -> {
                enter(node, enclosing);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    map.put(
                            plain(tuple.getKeyNode(), enclosing, budget),
                            plain(tuple.getValueNode(), enclosing, budget));
                }
                enclosing.remove(node);
                yield map;
            }
            case SequenceNode sequence -> {
                enter(node, enclosing);
                List<Object> list = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    list.add(plain(item, enclosing, budget));
                }
                enclosing.remove(node);
                yield list;
            }
            case ScalarNode scalar -> scalarValue(scalar);
            default -> null;
        };
    }

    private static void enter(Node node, Set<Node> enclosing) {
        if (!enclosing.add(node)) {
            throw new Recursive(node);
        }
    }

    private static Object scalarValue(ScalarNode scalar) {
        return switch (Yaml.typeOf(scalar)) {
            case NULL -> null;
            case BOOLEAN -> Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
            case INTEGER -> {
                BigInteger value = integerValue(scalar.getValue());
                yield value.bitLength() < 64 ? (Object) value.longValue() : value;
            }
            case FLOAT, STRING -> scalar.getValue();
        };
    }

    /** Thrown out of the walk, which has no log of its own, to the one place that reports it. */
    private static final class Recursive extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Node node;

        Recursive(Node node) {
            super(null, null, false, false);
            this.node = node;
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private static BigInteger integerValue(String text) {
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    /** A key's text, or null where it is not a string: such a key cannot name a field. */
    static String keyText(Node key) {
        if (key instanceof ScalarNode scalar && Yaml.typeOf(scalar) != ScalarType.NULL) {
            return scalar.getValue();
        }
        return null;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** What a node is in YAML terms, since the writer sees YAML, not the Java type it failed to bind to. */
    static String describe(Node node) {
        return switch (node) {
            case null -> "nothing";
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode scalar ->
                switch (Yaml.typeOf(scalar)) {
                    case NULL -> "null";
                    case BOOLEAN -> "the boolean " + scalar.getValue();
                    case INTEGER -> "the integer " + scalar.getValue();
                    case FLOAT -> "the number " + scalar.getValue();
                    case STRING -> "the string \"" + abbreviate(scalar.getValue()) + "\"";
                };
            default -> "an unsupported node";
        };
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }
}
