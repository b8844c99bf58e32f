package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.easyto.init.TestImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever arrives as user data, the init gets a spec or a list of problems: never another
 * exception, which in PID 1 would mean a boot that ends without saying why.
 */
class UserDataPropertiesTest {
    private static final List<String> KEYS = new ArrayList<>();

    static {
        for (Shape shape : UserDataSchema.allShapes()) {
            shape.fields().forEach(f -> KEYS.add(f.key()));
        }
        KEYS.addAll(List.of("unknown", "42", "~", "<<"));
    }

    static void parseOrProblems(byte[] bytes) {
        try {
            LaunchPlan.of(new LaunchPlan.Inputs(bytes, "ud", TestImage.UPSTREAM_METADATA, "m"), null, List.of());
        } catch (SpecException e) {
            assertFalse(e.errors().isEmpty(), "a SpecException must carry at least one error");
        }
    }

    @Property(tries = 3000)
    void arbitraryBytes(@ForAll @Size(max = 300) byte[] bytes) {
        parseOrProblems(bytes);
    }

    @Property(tries = 3000)
    void arbitraryYamlTrees(@ForAll("documents") String yaml) {
        parseOrProblems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void mutatedValidDocuments(@ForAll("mutations") String yaml) {
        parseOrProblems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> documents() {
        return node(4).map(n -> n + "\n");
    }

    @Provide
    Arbitrary<String> mutations() {
        String base = UserDataReaderTest.EVERY_FIELD;
        return Arbitraries.integers()
                .between(0, base.length() - 1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .flatMap(positions -> Arbitraries.of(
                                "", " ", "  ", "\n", ":", "-", "[", "{", "\"", "'", "~", "0755", "&a", "*a")
                        .list()
                        .ofSize(positions.size())
                        .map(inserts -> {
                            StringBuilder doc = new StringBuilder(base);
                            for (int i = positions.size() - 1; i >= 0; i--) {
                                int at = Math.min(positions.get(i), doc.length());
                                doc.replace(at, Math.min(at + 1, doc.length()), inserts.get(i));
                            }
                            return doc.toString();
                        }));
    }

    private Arbitrary<String> node(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of(
                        "null",
                        "~",
                        "true",
                        "False",
                        "yes",
                        "0755",
                        "-1",
                        "4294967296",
                        "1e400",
                        ".nan",
                        "\"0755\"",
                        "''",
                        "/bin/sh",
                        "$(X)",
                        "\"#!/bin/sh\\n\"",
                        "0x1F",
                        "0o17",
                        "18446744073709551616"),
                Arbitraries.strings()
                        .withCharRange(' ', '~')
                        .ofMaxLength(12)
                        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> child = node(depth - 1);
        Arbitrary<String> flowList = child.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items) + "]");
        Arbitrary<String> flowMap = Arbitraries.of(KEYS)
                .flatMap(k -> child.map(v -> k + ": " + v))
                .list()
                .ofMaxSize(5)
                .map(entries -> "{" + String.join(", ", entries) + "}");
        return Arbitraries.oneOf(scalar, flowList, flowMap, flowMap);
    }
}
