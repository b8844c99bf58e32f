package dev.easyto.init.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cases of the official Mustache spec (src/test/resources/mustache-spec, MIT, with its
 * licence) that template volumes are held to: comments, delimiters, interpolation, inverted and
 * sections. Partials and lambdas are out of scope, as upstream: it passes no partials and YAML has
 * no lambdas.
 */
final class MustacheSpecCases {
    static final List<String> FILES = List.of("comments", "delimiters", "interpolation", "inverted", "sections");

    private static final ObjectMapper JSON = new ObjectMapper();

    private MustacheSpecCases() {}

    /**
     * One case. {@code data} is the case's JSON data read as template volume {@code variables} are
     * (JSON is YAML): maps, lists, strings, longs, booleans and nulls, floats kept as written.
     * {@code usesPartials}: the case gives partials, which template volumes never have.
     */
    record Case(String file, String name, String template, Object data, String expected, boolean usesPartials) {
        String id() {
            return file + ": " + name;
        }

        @Override
        public String toString() {
            return id();
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String file : FILES) {
            JsonNode root = read(file);
            for (JsonNode test : root.get("tests")) {
                cases.add(new Case(
                        file,
                        test.get("name").asText(),
                        test.get("template").asText(),
                        variables(test.get("data")),
                        test.get("expected").asText(),
                        test.has("partials")));
            }
        }
        return cases;
    }

    private static JsonNode read(String file) {
        String resource = "/mustache-spec/" + file + ".json";
        try (InputStream in = Objects.requireNonNull(
                MustacheSpecCases.class.getResourceAsStream(resource), resource + " is missing")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The data as the user-data reader gives a template volume's {@code variables}, by reading a
     * user-data document that carries it, so the spec runs on the values a real volume sees.
     */
    private static Object variables(JsonNode data) {
        try {
            String userData = JSON.writeValueAsString(Map.of(
                    "volumes",
                    List.of(Map.of(
                            "template",
                            Map.of("content", "", "variables", data, "mount", Map.of("destination", "/spec"))))));
            Volume.Template volume = (Volume.Template)
                    UserDataReader.parse(userData, "spec").userData().volumes().getFirst();
            return volume.variables();
        } catch (Exception e) {
            throw new IllegalStateException("spec data " + data + " is not valid template variables", e);
        }
    }
}
