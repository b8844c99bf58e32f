package dev.easyto.init.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.linux.LinuxConstants;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code /.easyto/metadata.json}: the image's OCI config, of which only {@code config} matters. */
public final class ImageConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageConfigReader() {}

    public static ImageConfig parse(String text, String source) throws SpecException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SpecException(SpecProblem.error(
                    source,
                    at == null ? 1 : at.getLineNr(),
                    at == null ? 1 : at.getColumnNr(),
                    "",
                    "invalid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(
                    SpecProblem.error(source, 1, 1, "", "expected a JSON object (an OCI image config)"));
        }
        List<SpecProblem> problems = new ArrayList<>();
        JsonNode config = root.path("config");
        if (config.isMissingNode() || config.isNull()) {
            return ImageConfig.EMPTY;
        }
        if (!config.isObject()) {
            throw new SpecException(SpecProblem.error(source, 0, 0, "config", "expected an object"));
        }
        List<String> entrypoint = strings(config, "Entrypoint", source, problems);
        List<String> cmd = strings(config, "Cmd", source, problems);
        List<String> envEntries = strings(config, "Env", source, problems);
        List<NameValue> env = new ArrayList<>();
        if (envEntries != null) {
            for (String entry : envEntries) {
                // An entry without '=' is a variable with an empty value (upstream R; Z rejects it).
                int eq = entry.indexOf('=');
                env.add(
                        eq < 0
                                ? new NameValue(entry, "")
                                : new NameValue(entry.substring(0, eq), entry.substring(eq + 1)));
            }
        }
        String user = string(config, "User", source, problems);
        String workingDir = string(config, "WorkingDir", source, problems);
        String stopSignal = string(config, "StopSignal", source, problems);
        // Checked here, with the other fields, so validate and plan refuse what the boot would: a
        // signal the shutdown cannot send must not quietly become SIGTERM.
        if (stopSignal != null && LinuxConstants.signalNumber(stopSignal).isEmpty()) {
            problems.add(SpecProblem.error(
                    source,
                    0,
                    0,
                    "config.StopSignal",
                    "unknown signal \"" + stopSignal
                            + "\" (expected a name such as SIGINT or INT, SIGRTMIN+3, or a number)"));
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return new ImageConfig(
                entrypoint, cmd, env, user, workingDir == null || workingDir.isEmpty() ? null : workingDir, stopSignal);
    }

    private static List<String> strings(JsonNode config, String key, String source, List<SpecProblem> problems) {
        JsonNode node = config.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(SpecProblem.error(source, 0, 0, "config." + key, "expected a list of strings"));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                problems.add(SpecProblem.error(source, 0, 0, "config." + key + "[" + i + "]", "expected a string"));
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static String string(JsonNode config, String key, String source, List<SpecProblem> problems) {
        JsonNode node = config.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(SpecProblem.error(source, 0, 0, "config." + key, "expected a string"));
            return null;
        }
        return node.asText();
    }
}
