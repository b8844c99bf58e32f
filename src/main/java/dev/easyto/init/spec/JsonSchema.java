package dev.easyto.init.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of user data, written from {@link UserDataSchema}. The copy
 * shipped in the jar ({@value #RESOURCE}) is checked against this rendering by a test, so the
 * schema users validate with is the one the reader enforces.
 */
public final class JsonSchema {
    public static final String RESOURCE = "/easyto-user-data.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonSchema() {}

    /** The schema file in the jar. */
    public static String shipped() {
        try (InputStream in = JsonSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema as rendered from the shape table. */
    public static String render() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://easyto.dev/schemas/user-data.schema.json");
        schema.putAll(objectSchema(UserDataSchema.USER_DATA));
        Map<String, Object> defs = new LinkedHashMap<>();
        for (Shape shape : UserDataSchema.allShapes()) {
            if (!shape.equals(UserDataSchema.USER_DATA)) {
                defs.put(shape.name(), shape.union() ? unionSchema(shape) : objectSchema(shape));
            }
        }
        schema.put("$defs", defs);
        try {
            return JSON.writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> objectSchema(Shape shape) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", shape.description());
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Shape.Field field : shape.fields()) {
            properties.put(field.key(), fieldSchema(field));
            if (field.required()) {
                required.add(field.key());
            }
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /** Exactly one of the alternatives, and nothing else, as the reader demands of union items. */
    private static Map<String, Object> unionSchema(Shape shape) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", shape.description());
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<Object> oneOf = new ArrayList<>();
        for (Shape.Field field : shape.fields()) {
            properties.put(field.key(), fieldSchema(field));
            oneOf.add(Map.of("required", List.of(field.key())));
        }
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        schema.put("minProperties", 1);
        schema.put("maxProperties", 1);
        schema.put("oneOf", oneOf);
        return schema;
    }

    private static Map<String, Object> fieldSchema(Shape.Field field) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("description", field.description());
        switch (field.kind()) {
            case STRING -> schema.put("type", List.of("string", "number", "boolean"));
            case BOOLEAN -> schema.put("type", "boolean");
            case ID -> {
                schema.put("type", "integer");
                schema.put("minimum", 0);
                schema.put("maximum", Ids.MAX);
            }
            case UINT64 -> {
                schema.put("type", "integer");
                schema.put("minimum", 0);
            }
            case MODE -> {
                schema.put("type", "string");
                schema.put("pattern", "^[0-7]{1,4}$");
            }
            case STRING_LIST -> {
                schema.put("type", "array");
                schema.put("items", Map.of("type", List.of("string", "number", "boolean")));
            }
            case OBJECT -> schema.put("$ref", "#/$defs/" + field.shape().name());
            case OBJECT_LIST -> {
                schema.put("type", "array");
                schema.put("items", Map.of("$ref", "#/$defs/" + field.shape().name()));
            }
            case ANY -> {}
        }
        if (!field.required() && field.kind() != Shape.Kind.ANY) {
            // YAML null means "not set" for every optional key (Terraform writes them that way).
            Object type = schema.get("type");
            if (type instanceof String single) {
                schema.put("type", List.of(single, "null"));
            } else if (type instanceof List<?> several) {
                List<Object> withNull = new ArrayList<>(several);
                withNull.add("null");
                schema.put("type", withNull);
            } else {
                Map<String, Object> ref = new LinkedHashMap<>(schema);
                ref.remove("description");
                schema.clear();
                schema.put("description", field.description());
                schema.put("anyOf", List.of(ref, Map.of("type", "null")));
            }
        }
        return schema;
    }
}
