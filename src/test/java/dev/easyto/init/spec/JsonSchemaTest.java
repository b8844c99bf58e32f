package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {
    @Test
    void shippedSchemaIsTheRenderingOfTheReadersTable() throws IOException {
        String rendered = JsonSchema.render();
        if (!rendered.equals(JsonSchema.shipped())) {
            Path fresh = Path.of("target/easyto-user-data.schema.json");
            Files.writeString(fresh, rendered);
            assertEquals(
                    rendered,
                    JsonSchema.shipped(),
                    "src/main/resources" + JsonSchema.RESOURCE + " is stale; the current rendering is in " + fresh);
        }
    }

    @Test
    void everyObjectOfTheSchemaListsExactlyTheKeysTheReaderAccepts() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(JsonSchema.shipped());
        assertEquals(UserDataSchema.USER_DATA.keys(), names(schema.get("properties")));
        for (Shape shape : UserDataSchema.allShapes()) {
            if (shape.equals(UserDataSchema.USER_DATA)) {
                continue;
            }
            JsonNode def = schema.get("$defs").get(shape.name());
            assertEquals(shape.keys(), names(def.get("properties")), shape.name());
            for (Shape.Field field : shape.fields()) {
                boolean listedRequired = false;
                if (def.has("required")) {
                    for (JsonNode r : def.get("required")) {
                        listedRequired |= r.asText().equals(field.key());
                    }
                }
                assertEquals(field.required(), listedRequired, shape.name() + "." + field.key());
            }
            if (shape.union()) {
                assertEquals(1, def.get("maxProperties").asInt());
                assertTrue(def.get("additionalProperties").isBoolean());
            }
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
