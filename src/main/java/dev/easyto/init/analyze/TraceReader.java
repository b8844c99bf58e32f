package dev.easyto.init.analyze;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a boot trace, the {@code boot-trace.json} the init writes, and checks it is one: valid
 * JSON, every field of its {@link #VERSION} there with the right type, and phases that agree with
 * each other (unique names, dependencies that ended before their dependents started). Whatever is
 * wrong is told as {@code FILE:LINE:COLUMN: FIELD: what}, the way {@code validate} tells user data
 * errors; fields this version does not know are ignored, so a later init may add some.
 */
public final class TraceReader {
    /** The version of the trace format this reads. */
    public static final int VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int SHOWN_CHARACTERS = 40;

    private final String source;
    private final Map<String, JsonLocation> locations = new HashMap<>();

    private TraceReader(String source) {
        this.source = source;
    }

    /**
     * Reads one trace.
     *
     * @param json the trace's bytes
     * @param source the name errors give the trace: its file name, or {@code <stdin>}
     */
    public static RecordedBoot read(byte[] json, String source) throws TraceException {
        return new TraceReader(source).boot(json);
    }

    private RecordedBoot boot(byte[] json) throws TraceException {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw problem("", "not a boot trace: expected a JSON object, found " + shown(root));
        }
        if (!root.has("version")) {
            throw problem(
                    "",
                    "no \"version\" field: not a boot trace, or one written before trace format version " + VERSION);
        }
        long version = integer(root, "", "version");
        if (version > VERSION) {
            throw problem(
                    "version",
                    "trace format " + version + " is newer than this easyto-init reads (" + VERSION
                            + "): use the easyto-init that wrote it");
        }
        if (version < VERSION) {
            throw problem("version", version + " is not a version of the trace format (it starts at 1)");
        }
        long bootStarted = integer(root, "", "boot-started-epoch-ms");
        OptionalLong pid1Started = OptionalLong.empty();
        if (root.hasNonNull("pid1-started-ms")) {
            long started = integer(root, "", "pid1-started-ms");
            if (started > 0) {
                throw problem("pid1-started-ms", started + " is after the boot started: PID 1 starts before its boot");
            }
            pid1Started = OptionalLong.of(started);
        }
        long total = milliseconds(root, "", "total-ms");
        boolean completed = bool(root, "", "completed");
        JsonNode phasesNode = field(root, "", "phases");
        if (!phasesNode.isArray()) {
            throw problem("phases", "expected an array of phases, found " + shown(phasesNode));
        }
        List<PhaseRun> phases = new ArrayList<>();
        for (int i = 0; i < phasesNode.size(); i++) {
            phases.add(phase(phasesNode.get(i), "phases[" + i + "]"));
        }
        JsonNode command = root.get("command");
        RecordedBoot boot = new RecordedBoot(
                (int) version,
                bootStarted,
                pid1Started,
                total,
                completed,
                phases,
                command != null && !command.isNull());
        checkConsistent(boot);
        return boot;
    }

    private PhaseRun phase(JsonNode node, String path) throws TraceException {
        if (!node.isObject()) {
            throw problem(path, "expected a phase (an object), found " + shown(node));
        }
        JsonNode nameNode = field(node, path, "name");
        if (!nameNode.isTextual() || nameNode.asText().isBlank()) {
            throw problem(path + ".name", "expected the phase's name, found " + shown(nameNode));
        }
        JsonNode afterNode = field(node, path, "after");
        if (!afterNode.isArray()) {
            throw problem(path + ".after", "expected an array of phase names, found " + shown(afterNode));
        }
        List<String> after = new ArrayList<>();
        for (int i = 0; i < afterNode.size(); i++) {
            JsonNode dependency = afterNode.get(i);
            if (!dependency.isTextual()) {
                throw problem(path + ".after[" + i + "]", "expected a phase name, found " + shown(dependency));
            }
            after.add(dependency.asText());
        }
        long started = milliseconds(node, path, "started-ms");
        long ended = milliseconds(node, path, "ended-ms");
        if (ended < started) {
            throw problem(path + ".ended-ms", ended + " is before the phase started (" + started + " ms)");
        }
        JsonNode statusNode = field(node, path, "status");
        Outcome outcome = outcome(statusNode, path + ".status");
        JsonNode errorNode = node.get("error");
        String error = null;
        if (errorNode != null && !errorNode.isNull()) {
            if (!errorNode.isTextual()) {
                throw problem(path + ".error", "expected text or null, found " + shown(errorNode));
            }
            error = errorNode.asText();
        }
        return new PhaseRun(nameNode.asText(), after, started, ended, outcome, error);
    }

    private Outcome outcome(JsonNode status, String path) throws TraceException {
        if (status.isTextual()) {
            for (Outcome outcome : Outcome.values()) {
                if (outcome.name().equals(status.asText())) {
                    return outcome;
                }
            }
        }
        throw problem(path, "expected OK, FAILED or SKIPPED, found " + shown(status));
    }

    /** What the boot guarantees of every trace it writes; the analysis relies on it. */
    private void checkConsistent(RecordedBoot boot) throws TraceException {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        List<PhaseRun> phases = boot.phases();
        for (int i = 0; i < phases.size(); i++) {
            Integer previous = indexes.putIfAbsent(phases.get(i).name(), i);
            if (previous != null) {
                throw problem(
                        "phases[" + i + "].name",
                        "phase " + phases.get(i).name() + " is recorded twice (also phases[" + previous + "])");
            }
        }
        for (int i = 0; i < phases.size(); i++) {
            PhaseRun phase = phases.get(i);
            String path = "phases[" + i + "]";
            if (phase.endedMs() > boot.totalMs()) {
                throw problem(
                        path + ".ended-ms",
                        phase.name() + " ended at " + phase.endedMs() + " ms, after the trace was written (total-ms "
                                + boot.totalMs() + ")");
            }
            if (boot.completed() && phase.outcome() != Outcome.OK) {
                throw problem(path + ".status", "the boot completed, but " + phase.name() + " is " + phase.outcome());
            }
            for (int d = 0; d < phase.after().size(); d++) {
                String dependencyPath = path + ".after[" + d + "]";
                String name = phase.after().get(d);
                Integer index = indexes.get(name);
                if (index == null) {
                    // A phase is recorded once the phases it waits for have settled, so they are too.
                    throw problem(
                            dependencyPath, phase.name() + " waits for " + name + ", which the trace does not have");
                }
                PhaseRun dependency = phases.get(index);
                if (phase.outcome() == Outcome.SKIPPED) {
                    continue;
                }
                if (dependency.outcome() != Outcome.OK) {
                    throw problem(
                            dependencyPath,
                            phase.name() + " ran, but " + name + ", which it waits for, is " + dependency.outcome());
                }
                if (dependency.endedMs() > phase.startedMs()) {
                    throw problem(
                            dependencyPath,
                            phase.name() + " started at " + phase.startedMs() + " ms, before " + name
                                    + ", which it waits for, ended (" + dependency.endedMs() + " ms)");
                }
            }
        }
    }

    private JsonNode parse(byte[] json) throws TraceException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new TraceException(source + ": empty: no trace was written, or nothing of it was kept");
            }
            JsonNode root = value(parser, "");
            if (parser.nextToken() != null) {
                throw at(parser.currentTokenLocation(), "more after the end of the trace's JSON object");
            }
            return root;
        } catch (JsonEOFException e) {
            throw at(e.getLocation(), "the trace ends in the middle of its JSON: it is truncated");
        } catch (JsonProcessingException e) {
            if (e.getLocation() != null && e.getLocation().getByteOffset() >= json.length) {
                throw at(e.getLocation(), "the trace ends in the middle of its JSON: it is truncated");
            }
            throw at(e.getLocation(), "invalid JSON: " + plain(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new TraceException(source + ": cannot read: " + e.getMessage());
        }
    }

    /** The value at the parser's current token, remembering where each one starts. */
    private JsonNode value(JsonParser parser, String path) throws IOException, TraceException {
        locations.put(path, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    parser.nextToken();
                    if (object.has(name)) {
                        throw problem(child, "appears twice in one object");
                    }
                    object.set(name, value(parser, child));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, path + "[" + array.size() + "]"));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? NODES.numberNode(parser.getBigIntegerValue())
                        : NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw at(parser.currentTokenLocation(), "unexpected " + token);
        }
    }

    private JsonNode field(JsonNode object, String path, String name) throws TraceException {
        JsonNode node = object.get(name);
        if (node == null) {
            throw problem(path, "no \"" + name + "\" field");
        }
        return node;
    }

    private long integer(JsonNode object, String path, String name) throws TraceException {
        JsonNode node = field(object, path, name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw problem(path.isEmpty() ? name : path + "." + name, "expected an integer, found " + shown(node));
        }
        return node.longValue();
    }

    private long milliseconds(JsonNode object, String path, String name) throws TraceException {
        long value = integer(object, path, name);
        if (value < 0) {
            throw problem(path.isEmpty() ? name : path + "." + name, value + " is before the boot started");
        }
        return value;
    }

    private boolean bool(JsonNode object, String path, String name) throws TraceException {
        JsonNode node = field(object, path, name);
        if (!node.isBoolean()) {
            throw problem(path.isEmpty() ? name : path + "." + name, "expected true or false, found " + shown(node));
        }
        return node.booleanValue();
    }

    /** {@code FILE:LINE:COLUMN: PATH: message}, at the value {@code path} names. */
    private TraceException problem(String path, String message) {
        JsonLocation location = locations.get(path);
        String where = location == null ? source : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
        return new TraceException(where + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    private TraceException at(JsonLocation location, String message) {
        String where = location == null ? source : source + ":" + location.getLineNr() + ":" + location.getColumnNr();
        return new TraceException(where + ": " + message);
    }

    /** Jackson's message without its source excerpt or the position we already give. */
    private static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        String firstLine = message.lines().findFirst().orElse("");
        return firstLine.replaceAll("\\s*\\(start marker at .*\\)", "").strip();
    }

    private static String shown(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            return "\"" + (text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..." : text)
                    + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }
}
