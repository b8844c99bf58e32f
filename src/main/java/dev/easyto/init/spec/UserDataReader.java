package dev.easyto.init.spec;

import dev.easyto.init.spec.Shape.Field;
import dev.easyto.init.spec.Shape.Kind;
import dev.easyto.init.spec.Yaml.ScalarType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds a user-data YAML document to {@link UserData}, collecting every problem with its path and
 * position instead of stopping at the first. The keys each object may hold come from {@link
 * UserDataSchema}; unknown keys are ignored with a warning (upstream ignores them, and an AMI that
 * boots upstream must boot here), except at the item level of {@code volumes} and {@code env-from},
 * where an unknown or second kind is an error.
 */
public final class UserDataReader {
    private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");
    private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{1,4}");
    private static final Pattern SYSCTL_NAME = Pattern.compile("[A-Za-z0-9_-]+([./][A-Za-z0-9_-]+)*");
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String source;
    private final List<SpecProblem> problems = new ArrayList<>();
    private final Map<String, Position> positions = new HashMap<>();

    private UserDataReader(String source) {
        this.source = source;
    }

    /**
     * Parses user data text. Empty or whitespace-only text, or a document that is only YAML null,
     * means no user data. Returns the user data with its warnings, or throws with all errors.
     */
    public static Parsed parse(String text, String source) throws SpecException {
        if (text.isBlank()) {
            return new Parsed(UserData.NONE, List.of(), Map.of());
        }
        Node root = Yaml.compose(text, source);
        UserDataReader reader = new UserDataReader(source);
        UserData userData = Yaml.isNull(root) ? UserData.NONE : reader.userData(root);
        reader.problems.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        if (reader.problems.stream().anyMatch(SpecProblem::isError)) {
            throw new SpecException(reader.problems);
        }
        return new Parsed(userData, List.copyOf(reader.problems), Map.copyOf(reader.positions));
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

    private UserData userData(Node root) {
        Obj o = object(root, "", UserDataSchema.USER_DATA);
        if (o == null) {
            return UserData.NONE;
        }
        List<String> initScripts = o.strings("init-scripts");
        checkInitScripts(o, initScripts);
        List<String> modules = o.strings("modules");
        checkEach(o, "modules", modules, MODULE_NAME, "is not a kernel module name");
        List<NameValue> sysctls = o.list("sysctls", this::nameValue);
        checkSysctls(o, sysctls);
        return new UserData(
                o.strings("args"),
                o.strings("command"),
                o.bool("debug"),
                o.strings("disable-services"),
                checkedEnv(o, o.list("env", this::nameValue)),
                o.list("env-from", this::envFrom),
                initScripts,
                modules,
                o.bool("replace-init"),
                orUnset(o.object("security", this::security)),
                o.uint64("shutdown-grace-period"),
                sysctls,
                o.list("volumes", this::volume),
                o.string("working-dir"));
    }

    private static Security orUnset(Security security) {
        return security == null ? Security.UNSET : security;
    }

    private Security security(Node node, String path) {
        Obj o = object(node, path, UserDataSchema.SECURITY);
        if (o == null) {
            return null;
        }
        Boolean sshdEnable = o.object("sshd", (n, p) -> {
            Obj sshd = object(n, p, UserDataSchema.SSHD);
            return sshd == null ? null : sshd.bool("enable");
        });
        return new Security(
                o.bool("readonly-root-fs"), o.uint32("run-as-user-id"), o.uint32("run-as-group-id"), sshdEnable);
    }

    private NameValue nameValue(Node node, String path) {
        Obj o = object(node, path, UserDataSchema.NAME_VALUE);
        return o == null ? null : new NameValue(o.string("name"), o.string("value"));
    }

    private List<NameValue> checkedEnv(Obj o, List<NameValue> env) {
        if (env == null) {
            return null;
        }
        for (int i = 0; i < env.size(); i++) {
            NameValue entry = env.get(i);
            if (entry == null || entry.name() == null) {
                continue;
            }
            Node at = o.itemNode("env", i);
            if (entry.name().isEmpty()) {
                error(at, "env[" + i + "].name", "must not be empty");
            } else if (entry.name().indexOf('=') >= 0 || entry.name().indexOf('\0') >= 0) {
                error(at, "env[" + i + "].name", "must not contain '=' or NUL, got \"" + entry.name() + "\"");
            }
        }
        return env;
    }

    private void checkSysctls(Obj o, List<NameValue> sysctls) {
        if (sysctls == null) {
            return;
        }
        for (int i = 0; i < sysctls.size(); i++) {
            NameValue entry = sysctls.get(i);
            if (entry != null
                    && entry.name() != null
                    && !SYSCTL_NAME.matcher(entry.name()).matches()) {
                error(
                        o.itemNode("sysctls", i),
                        "sysctls[" + i + "].name",
                        "\"" + entry.name() + "\" is not a sysctl name such as net.ipv4.ip_forward");
            }
        }
    }

    private void checkEach(Obj o, String key, List<String> values, Pattern pattern, String what) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value != null && !pattern.matcher(value).matches()) {
                error(o.itemNode(key, i), key + "[" + i + "]", "\"" + value + "\" " + what);
            }
        }
    }

    private void checkInitScripts(Obj o, List<String> scripts) {
        if (scripts == null) {
            return;
        }
        for (int i = 0; i < scripts.size(); i++) {
            String script = scripts.get(i);
            if (script != null && !script.startsWith("#!")) {
                error(
                        o.itemNode("init-scripts", i),
                        "init-scripts[" + i + "]",
                        "must start with an interpreter line such as #!/bin/sh (the kernel executes it directly)");
            }
        }
    }

    private EnvFrom envFrom(Node node, String path) {
        Alternative alt = alternative(node, path, UserDataSchema.ENV_FROM, "env-from source");
        if (alt == null) {
            return null;
        }
        Obj o = object(alt.node, alt.path, alt.field.shape());
        if (o == null) {
            return null;
        }
        EnvFrom result = switch (alt.field.key()) {
            case "imds" -> new EnvFrom.Imds(o.string("name"), o.string("path"), o.flag("optional"));
            case "s3" ->
                new EnvFrom.S3(
                        o.string("bucket"),
                        o.string("key"),
                        o.string("name"),
                        o.flag("base64-encode"),
                        o.flag("optional"));
            case "ssm" ->
                new EnvFrom.Ssm(o.string("path"), o.string("name"), o.flag("base64-encode"), o.flag("optional"));
            case "secrets-manager" ->
                new EnvFrom.SecretsManager(
                        o.string("secret-id"), o.string("name"), o.flag("base64-encode"), o.flag("optional"));
            default -> throw new IllegalStateException(alt.field.key());
        };
        if (o.has("base64-encode") && o.flag("base64-encode") && !o.has("name")) {
            warning(o.keyNode("base64-encode"), alt.path + ".base64-encode", "has no effect without name");
        }
        if (alt.field.key().equals("imds")
                && o.string("path") != null
                && o.string("path").startsWith("/")) {
            warning(o.valueNode("path"), alt.path + ".path", "is relative to /latest/meta-data/; drop the leading /");
        }
        return result;
    }

    private Volume volume(Node node, String path) {
        Alternative alt = alternative(node, path, UserDataSchema.VOLUME, "volume type");
        if (alt == null) {
            return null;
        }
        Obj o = object(alt.node, alt.path, alt.field.shape());
        if (o == null) {
            return null;
        }
        return switch (alt.field.key()) {
            case "ebs" -> ebs(o, alt.path);
            case "s3" ->
                new Volume.S3(
                        o.string("bucket"),
                        o.has("key-prefix") ? o.string("key-prefix") : "",
                        o.object("mount", this::mount),
                        o.flag("optional"));
            case "ssm" -> new Volume.Ssm(o.string("path"), o.object("mount", this::mount), o.flag("optional"));
            case "secrets-manager" ->
                new Volume.SecretsManager(o.string("secret-id"), o.object("mount", this::mount), o.flag("optional"));
            case "template" ->
                new Volume.Template(
                        o.string("content"), o.any("variables"), o.flag("optional"), o.object("mount", this::mount));
            default -> throw new IllegalStateException(alt.field.key());
        };
    }

    private Volume.Ebs ebs(Obj o, String path) {
        String device = o.string("device");
        if (device != null && device.isEmpty()) {
            error(o.valueNode("device"), path + ".device", "must not be empty");
        }
        Volume.Attachment attachment = o.object("attachment", (n, p) -> {
            Obj a = object(n, p, UserDataSchema.EBS_ATTACHMENT);
            if (a == null) {
                return null;
            }
            List<Volume.Tag> tags = a.list("tags", (tn, tp) -> {
                Obj t = object(tn, tp, UserDataSchema.EBS_TAG);
                return t == null ? null : new Volume.Tag(t.string("key"), t.string("value"));
            });
            Long timeout = a.uint64("timeout");
            return new Volume.Attachment(
                    tags == null ? List.of() : tags,
                    timeout == null ? Volume.Attachment.DEFAULT_TIMEOUT_SECONDS : timeout);
        });
        Mount mount = o.object("mount", this::mount);
        if (mount != null && mount.fsType() == null && o.has("mount")) {
            error(
                    o.valueNode("mount"),
                    path + ".mount.fs-type",
                    "is required for an EBS mount (ext2, ext3, ext4, btrfs or xfs)");
        }
        return new Volume.Ebs(device, attachment, mount);
    }

    private Mount mount(Node node, String path) {
        Obj o = object(node, path, UserDataSchema.MOUNT);
        if (o == null) {
            return null;
        }
        String destination = o.string("destination");
        if (destination != null && !destination.startsWith("/")) {
            error(
                    o.valueNode("destination"),
                    path + ".destination",
                    "must be an absolute path, got \"" + destination + "\"");
        }
        return new Mount(
                destination,
                o.string("fs-type"),
                o.uint32("user-id"),
                o.uint32("group-id"),
                o.mode("mode"),
                o.strings("options"));
    }

    // ---- generic binding -------------------------------------------------------------------

    private record Alternative(Field field, Node node, String path) {}

    /** Picks the single kind key of a union item; reports none, several, or unknown keys. */
    private Alternative alternative(Node node, String path, Shape union, String what) {
        if (!(node instanceof MappingNode mapping)) {
            error(
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
                error(tuple.getKeyNode(), path, "keys must be strings");
            } else if (!union.keys().contains(key)) {
                error(
                        tuple.getKeyNode(),
                        join(path, key),
                        "unknown " + what + "; expected one of " + String.join(", ", union.keys()));
            } else {
                known.add(tuple);
            }
        }
        if (known.size() > 1) {
            error(
                    node,
                    path,
                    "an item must have exactly one " + what + ", found "
                            + known.stream().map(t -> keyText(t.getKeyNode())).collect(Collectors.joining(" and ")));
            return null;
        }
        if (known.isEmpty()) {
            if (mapping.getValue().isEmpty()) {
                error(node, path, "empty item; expected one of " + String.join(", ", union.keys()));
            }
            return null;
        }
        NodeTuple tuple = known.getFirst();
        String key = keyText(tuple.getKeyNode());
        return new Alternative(union.field(key), tuple.getValueNode(), join(path, key));
    }

    /** Checks a node against an object shape and gives typed access to its keys. */
    private Obj object(Node node, String path, Shape shape) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "expected a mapping (" + shape.name() + "), found " + describe(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = keyText(tuple.getKeyNode());
            if (key == null) {
                error(tuple.getKeyNode(), path, "keys must be strings, found " + describe(tuple.getKeyNode()));
                continue;
            }
            if (entries.containsKey(key)) {
                error(
                        tuple.getKeyNode(),
                        join(path, key),
                        "duplicate key (first at line "
                                + Yaml.line(entries.get(key).getKeyNode()) + ")");
                continue;
            }
            entries.put(key, tuple);
            if (!shape.keys().contains(key)) {
                warning(tuple.getKeyNode(), join(path, key), "unknown key ignored");
            }
        }
        for (Field field : shape.fields()) {
            NodeTuple tuple = entries.get(field.key());
            if (field.required() && (tuple == null || Yaml.isNull(tuple.getValueNode()))) {
                error(tuple == null ? node : tuple.getValueNode(), join(path, field.key()), "missing required field");
            }
        }
        return new Obj(shape, path, node, entries);
    }

    /** Typed reads of one mapping; each read checks the key is declared with that kind. */
    private final class Obj {
        private final Shape shape;
        private final String path;
        private final Node node;
        private final Map<String, NodeTuple> entries;
        private final Map<String, Object> cache = new HashMap<>();

        Obj(Shape shape, String path, Node node, Map<String, NodeTuple> entries) {
            this.shape = shape;
            this.path = path;
            this.node = node;
            this.entries = entries;
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
            return read(key, Kind.STRING, (n, p) -> scalarString(n, p));
        }

        Boolean bool(String key) {
            return read(key, Kind.BOOLEAN, UserDataReader.this::bool);
        }

        boolean flag(String key) {
            return Boolean.TRUE.equals(bool(key));
        }

        Long uint32(String key) {
            return read(key, Kind.UINT32, (n, p) -> unsigned(n, p, UINT32_MAX));
        }

        Long uint64(String key) {
            return read(key, Kind.UINT64, (n, p) -> unsigned(n, p, UINT64_MAX));
        }

        String mode(String key) {
            return read(key, Kind.MODE, UserDataReader.this::mode);
        }

        List<String> strings(String key) {
            return read(key, Kind.STRING_LIST, (n, p) -> sequence(n, p, UserDataReader.this::scalarString));
        }

        <T> T object(String key, BiFunction<Node, String, T> binder) {
            return read(key, Kind.OBJECT, binder);
        }

        <T> List<T> list(String key, BiFunction<Node, String, T> itemBinder) {
            return read(key, Kind.OBJECT_LIST, (n, p) -> sequence(n, p, itemBinder));
        }

        Object any(String key) {
            return read(key, Kind.ANY, (n, p) -> plain(n));
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
                    : binder.apply(tuple.getValueNode(), at(tuple.getValueNode(), join(path, key)));
            cache.put(key, value);
            return value;
        }
    }

    private <T> List<T> sequence(Node node, String path, BiFunction<Node, String, T> itemBinder) {
        if (!(node instanceof SequenceNode sequence)) {
            error(node, path, "expected a list, found " + describe(node));
            return null;
        }
        List<T> items = new ArrayList<>();
        List<Node> nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String itemPath = path + "[" + i + "]";
            if (Yaml.isNull(item)) {
                error(item, itemPath, "list items must not be null");
                items.add(null);
            } else {
                items.add(itemBinder.apply(item, at(item, itemPath)));
            }
        }
        return items;
    }

    /** Strings accept any scalar as its text: upstream reads {@code value: 123} as "123". */
    private String scalarString(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        error(node, path, "expected a string, found " + describe(node));
        return null;
    }

    private Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && Yaml.typeOf(scalar) == ScalarType.BOOLEAN) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        error(node, path, "expected true or false, found " + describe(node));
        return null;
    }

    private Long unsigned(Node node, String path, BigInteger max) {
        if (node instanceof ScalarNode scalar && Yaml.typeOf(scalar) == ScalarType.INTEGER) {
            BigInteger value = integerValue(scalar.getValue());
            if (value.signum() >= 0 && value.compareTo(max) <= 0) {
                return value.longValue();
            }
            error(node, path, "must be between 0 and " + max + ", found " + scalar.getValue());
            return null;
        }
        error(node, path, "expected a whole number, found " + describe(node));
        return null;
    }

    private String mode(Node node, String path) {
        if (node instanceof ScalarNode scalar) {
            ScalarType type = Yaml.typeOf(scalar);
            if (type == ScalarType.INTEGER) {
                error(
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
            error(node, path, "must be an octal mode of 1 to 4 digits such as \"0755\", found " + describe(node));
            return null;
        }
        error(node, path, "expected a quoted octal string such as \"0755\", found " + describe(node));
        return null;
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

    /** A YAML value as plain Java data, for template variables; non-string keys are kept as they are. */
    private static Object plain(Node node) {
        return switch (node) {
            case MappingNode mapping -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    map.put(plain(tuple.getKeyNode()), plain(tuple.getValueNode()));
                }
                yield map;
            }
            case SequenceNode sequence -> {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(item -> list.add(plain(item)));
                yield list;
            }
            case ScalarNode scalar ->
                switch (Yaml.typeOf(scalar)) {
                    case NULL -> null;
                    case BOOLEAN -> Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT));
                    case INTEGER -> {
                        BigInteger value = integerValue(scalar.getValue());
                        yield value.bitLength() < 64 ? (Object) value.longValue() : value;
                    }
                    case FLOAT -> scalar.getValue();
                    case STRING -> scalar.getValue();
                };
            default -> null;
        };
    }

    private static String keyText(Node key) {
        if (key instanceof ScalarNode scalar && Yaml.typeOf(scalar) != ScalarType.NULL) {
            return scalar.getValue();
        }
        return null;
    }

    private static String describe(Node node) {
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

    /** Remembers where {@code path} is in the document; returns the path. */
    private String at(Node node, String path) {
        positions.put(path, new Position(Yaml.line(node), Yaml.column(node)));
        return path;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void error(Node node, String path, String message) {
        problems.add(SpecProblem.error(
                source, node == null ? 0 : Yaml.line(node), node == null ? 0 : Yaml.column(node), path, message));
    }

    private void warning(Node node, String path, String message) {
        problems.add(SpecProblem.warning(source, Yaml.line(node), Yaml.column(node), path, message));
    }
}
