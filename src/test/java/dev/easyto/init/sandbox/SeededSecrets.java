package dev.easyto.init.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.easyto.init.imds.MockImds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Every value the sandbox scenarios seed for the init to fetch, read from where they are seeded,
 * so a new scenario's secrets are scanned for without anyone listing them: what each {@code
 * aws-setup.sh} puts into the AWS emulator (through {@code aws-seed.py}'s commands), what the
 * mock IMDS serves to an {@code env-from} {@code imds} item of a scenario's user data, every file
 * of a scenario's {@code imds/} and the instance role's credentials. A JSON object's scalar
 * members count too: an {@code env-from} item without {@code name} turns each into a variable.
 */
final class SeededSecrets {
    /**
     * Shorter values ({@code 0}, {@code 5432}, {@code myapp}) cannot be told apart from the pids,
     * milliseconds and words of ordinary log lines; every seeded secret proper is longer.
     */
    static final int MIN_LENGTH = 6;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** {@code exec python3 "${AWS_SEED}" <<'EOF'} ... {@code EOF}: aws-seed.py reads the lines between. */
    private static final Pattern SEED = Pattern.compile("exec python3 \"\\$\\{AWS_SEED}\" <<'(\\w+)'");

    private SeededSecrets() {}

    /** Value to where it was seeded ({@code s3-env-from/aws-setup.sh:6}), for every directory in {@code dirs}. */
    static Map<String, String> collect(List<Path> dirs) throws IOException {
        Map<String, String> secrets = new TreeMap<>();
        for (Path dir : dirs) {
            Path setup = dir.resolve("aws-setup.sh");
            if (Files.isRegularFile(setup)) {
                awsSetup(setup, secrets);
            }
            imds(dir, secrets);
        }
        JsonNode credentials = JSON.readTree(MockImds.metadata(null, "iam/security-credentials/" + MockImds.ROLE)
                .orElseThrow());
        for (String field : List.of("SecretAccessKey", "Token")) {
            add(secrets, credentials.path(field).asText(), "the mock IMDS's role credentials (" + field + ")");
        }
        return secrets;
    }

    /** Every scenario directory, and the sample that {@code make run} boots. */
    static List<Path> allScenarioDirs() throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> children = Files.list(Sandbox.SCENARIOS)) {
            children.filter(Files::isDirectory).sorted().forEach(dirs::add);
        }
        dirs.add(Path.of("src/test/sample"));
        return dirs;
    }

    /**
     * The seed commands of one aws-setup.sh. Anything else in the file that is not a comment, the
     * shell's options or the heredoc fails: it could seed a value this reading would miss.
     */
    static void awsSetup(Path setup, Map<String, String> secrets) throws IOException {
        List<String> lines = Files.readAllLines(setup);
        String end = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = setup.getParent().getFileName() + "/" + setup.getFileName() + ":" + (i + 1);
            if (end != null) {
                if (line.equals(end)) {
                    end = null;
                } else {
                    seedCommand(Words.split(line), where, secrets);
                }
                continue;
            }
            Matcher seed = SEED.matcher(line);
            if (seed.matches()) {
                end = seed.group(1);
            } else if (!line.isEmpty() && !line.startsWith("#") && !line.equals("set -eu")) {
                throw new AssertionError(where + ": seeds the emulator in a way the secret scan cannot read: " + line);
            }
        }
    }

    /** aws-seed.py's commands: {@code object B K VALUE}, {@code parameter N VALUE [TYPE]}, {@code secret N VALUE}. */
    private static void seedCommand(List<String> words, String where, Map<String, String> secrets) {
        if (words.isEmpty()) {
            return;
        }
        String value = switch (words.getFirst()) {
            case "object" -> words.size() == 4 ? words.get(3) : null;
            case "parameter" -> words.size() == 3 || words.size() == 4 ? words.get(2) : null;
            case "secret" -> words.size() == 3 ? words.get(2) : null;
            case "bucket" -> words.size() == 2 ? "" : null;
            default -> null;
        };
        if (value == null) {
            throw new AssertionError(where + ": an aws-seed.py command the secret scan does not know: " + words);
        }
        addWithMembers(secrets, value, where);
    }

    /** What the mock IMDS gives the scenario's env-from imds items, and its imds/ files. */
    private static void imds(Path dir, Map<String, String> secrets) throws IOException {
        JsonNode userData = userData(dir);
        for (JsonNode item : userData.path("env-from")) {
            String path = item.path("imds").path("path").asText("");
            if (!path.isEmpty()) {
                String key = path.startsWith("/") ? path.substring(1) : path;
                // The init trims an IMDS value (docs/behaviour.md §2.3), so the trimmed text is what it holds.
                MockImds.metadata(dir, key)
                        .ifPresent(value -> add(secrets, value.strip(), dir.getFileName() + ": IMDS " + key));
            }
        }
        Path overrides = dir.resolve("imds");
        if (Files.isDirectory(overrides)) {
            try (Stream<Path> files = Files.walk(overrides)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    addWithMembers(
                            secrets, Files.readString(file).strip(), dir.getFileName() + "/" + dir.relativize(file));
                }
            }
        }
    }

    /** The user data the mock serves for {@code dir}, as a tree; a missing node for none or for text that is not YAML. */
    private static JsonNode userData(Path dir) throws IOException {
        byte[] bytes = null;
        if (Files.isRegularFile(dir.resolve("user-data.yaml"))) {
            bytes = Files.readAllBytes(dir.resolve("user-data.yaml"));
        } else if (Files.isRegularFile(dir.resolve("user-data.gz"))) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("user-data.gz")))) {
                bytes = in.readAllBytes();
            }
        } else if (Files.isRegularFile(dir.resolve("user-data-source.yaml"))) {
            bytes = Files.readAllBytes(dir.resolve("user-data-source.yaml"));
        }
        if (bytes == null) {
            return JSON.missingNode();
        }
        try {
            JsonNode tree = YAML.readTree(new String(bytes, StandardCharsets.UTF_8));
            return tree == null ? JSON.missingNode() : tree;
        } catch (IOException e) {
            // The invalid-user-data scenarios: nothing in them is fetched.
            return JSON.missingNode();
        }
    }

    private static void addWithMembers(Map<String, String> secrets, String value, String where) {
        add(secrets, value, where);
        JsonNode json;
        try {
            json = JSON.readTree(value);
        } catch (IOException e) {
            return;
        }
        if (json != null && json.isObject()) {
            json.properties().forEach(member -> {
                if (member.getValue().isValueNode() && !member.getValue().isNull()) {
                    add(secrets, member.getValue().asText(), where + " (" + member.getKey() + ")");
                }
            });
        }
    }

    private static void add(Map<String, String> secrets, String value, String where) {
        if (value.length() >= MIN_LENGTH) {
            secrets.putIfAbsent(value, where);
        }
    }

    /** The words of a line as Python's {@code shlex.split(line, comments=True)} gives them to aws-seed.py. */
    static final class Words {
        private Words() {}

        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote == '\'') {
                    if (c == '\'') {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (quote == '"') {
                    if (c == '"') {
                        quote = 0;
                    } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else if (c == '#' && word == null) {
                    break;
                } else {
                    if (word == null) {
                        word = new StringBuilder();
                    }
                    if (c == '\'' || c == '"') {
                        quote = c;
                    } else if (c == '\\' && i + 1 < line.length()) {
                        word.append(line.charAt(++i));
                    } else {
                        word.append(c);
                    }
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException("unterminated quote in: " + line);
            }
            if (word != null) {
                words.add(word.toString());
            }
            return words;
        }
    }
}
