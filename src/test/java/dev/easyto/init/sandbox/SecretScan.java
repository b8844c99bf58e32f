package dev.easyto.init.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The init never prints a fetched value (docs/behaviour.md): what each sandbox boot left, its
 * console and its boot trace, is scanned for every seeded secret ({@link SeededSecrets}) once the
 * whole run is over, so a value seeded for one scenario is looked for in every other too.
 *
 * <p>Two parts of what a boot leaves are the workload's, not the init's, and are not scanned: the
 * console lines without a log level once init scripts may run (the output of the user's programs:
 * upstream's scripts print what they fetched), and the trace's {@code command.argv}, which is the
 * user data's own text: {@link PlanMatchesBoot} holds it equal to what {@code plan} prints, which
 * never fetches anything.
 */
final class SecretScan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOG_LINE = Pattern.compile("^(error|warning|info|debug): ");
    /**
     * From here on the user's programs run and write to the same console: init scripts, then
     * services and the command, which may print before the init logs that it started them.
     */
    private static final String USER_PROGRAMS = "info: phase init-scripts started";

    /** One boot's console and trace (a missing node for none), as the scenario run captured them. */
    record Boot(String scenario, String console, JsonNode trace) {}

    /** What this JVM's sandbox boots captured, for the scan after them all. */
    static final ConcurrentLinkedQueue<Boot> CAPTURED = new ConcurrentLinkedQueue<>();

    private SecretScan() {}

    /** Keeps a run's console and the trace in its kept work directory ({@code KEEP=1}) before it is removed. */
    static void capture(Sandbox.Run run) throws IOException {
        JsonNode trace = JSON.missingNode();
        Path file = PlanMatchesBoot.keptWorkDirectory(run).resolve("out/boot-trace.json");
        if (Files.isRegularFile(file)) {
            // Read as text too: a trace that is not JSON is scanned whole rather than skipped.
            String text = Files.readString(file);
            try {
                trace = JSON.readTree(text);
            } catch (IOException e) {
                trace = JSON.getNodeFactory().textNode(text);
            }
        }
        CAPTURED.add(new Boot(run.scenario(), run.output(), trace));
    }

    /** Every place a secret shows, as {@code scenario: where: the line or field}. */
    static List<String> leaks(Boot boot, Map<String, String> secrets) {
        List<String> leaks = new ArrayList<>();
        boolean userPrograms = false;
        int number = 0;
        for (String line : boot.console().split("\n", -1)) {
            number++;
            if (line.startsWith(USER_PROGRAMS)) {
                userPrograms = true;
            }
            if (userPrograms && !LOG_LINE.matcher(line).find()) {
                continue;
            }
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (line.contains(secret.getKey())) {
                    leaks.add(boot.scenario() + ": console line " + number + " shows the value seeded by "
                            + secret.getValue() + ": " + line);
                }
            }
        }
        JsonNode trace = boot.trace().deepCopy();
        if (trace.path("command") instanceof ObjectNode command) {
            command.remove("argv");
        }
        List<String> texts = new ArrayList<>();
        strings(trace, "", texts);
        for (String text : texts) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (text.contains(secret.getKey())) {
                    leaks.add(boot.scenario() + ": boot-trace.json " + text + " shows the value seeded by "
                            + secret.getValue());
                }
            }
        }
        return leaks;
    }

    /** Every field name and text of the tree, each as {@code path = text}. */
    private static void strings(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                out.add(path + "/" + field.getKey() + " (a field name)");
                strings(field.getValue(), path + "/" + field.getKey(), out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "/" + i, out);
            }
        } else if (node.isValueNode()) {
            out.add(path + " = " + node.asText());
        }
    }
}
