package dev.easyto.init.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared keys of one user-data object. The reader enforces it and the JSON Schema is written
 * from it, so what the init accepts and what editors are told cannot drift apart.
 *
 * <p>A {@code union} shape is an item that must carry exactly one of its keys ({@code volumes[]}
 * and {@code env-from[]} items): upstream's Rust implementation models them as tagged unions and
 * we keep that strictness.
 */
public record Shape(String name, String description, boolean union, List<Field> fields) {

    /** What a key holds. */
    public enum Kind {
        STRING,
        BOOLEAN,
        ID,
        UINT64,
        /** An octal file mode that must be written as a string, e.g. {@code "0755"}. */
        MODE,
        STRING_LIST,
        OBJECT,
        OBJECT_LIST,
        /** Any YAML value, kept as a tree (template variables). */
        ANY
    }

    public record Field(String key, Kind kind, boolean required, Shape shape, String description) {}

    public static Shape object(String name, String description, Field... fields) {
        return new Shape(name, description, false, List.of(fields));
    }

    public static Shape union(String name, String description, Field... alternatives) {
        return new Shape(name, description, true, List.of(alternatives));
    }

    public static Field required(String key, Kind kind, String description) {
        return new Field(key, kind, true, null, description);
    }

    public static Field optional(String key, Kind kind, String description) {
        return new Field(key, kind, false, null, description);
    }

    public static Field required(String key, Kind kind, Shape shape, String description) {
        return new Field(key, kind, true, shape, description);
    }

    public static Field optional(String key, Kind kind, Shape shape, String description) {
        return new Field(key, kind, false, shape, description);
    }

    public Field field(String key) {
        for (Field field : fields) {
            if (field.key().equals(key)) {
                return field;
            }
        }
        throw new IllegalArgumentException("shape " + name + " declares no key " + key);
    }

    public Set<String> keys() {
        Map<String, Field> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        return byKey.keySet();
    }
}
