package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
    static NameValue nv(String name, String value) {
        return new NameValue(name, value);
    }

    @Test
    void staticValuesExpandAgainstStaticThenResolvedInAnyOrder() {
        List<NameValue> env = Environment.finalEnv(
                List.of(nv("URL", "http://$(HOST):$(PORT)"), nv("PORT", "8080"), nv("LITERAL", "$$(NOT)")),
                List.of(nv("HOST", "10.0.0.1")));
        assertEquals(
                List.of(
                        nv("URL", "http://10.0.0.1:8080"),
                        nv("PORT", "8080"),
                        nv("LITERAL", "$(NOT)"),
                        nv("HOST", "10.0.0.1"),
                        nv("PATH", Environment.DEFAULT_PATH)),
                env);
    }

    @Test
    void aStaticVariableWinsOverAResolvedOneInExpansionBothAreKept() {
        List<NameValue> env =
                Environment.finalEnv(List.of(nv("X", "static"), nv("USE", "$(X)")), List.of(nv("X", "resolved")));
        assertEquals(nv("USE", "static"), env.get(1));
        assertEquals(List.of(nv("X", "static"), nv("USE", "static"), nv("X", "resolved")), env.subList(0, 3));
        // As a process environment the later duplicate wins.
        assertEquals("resolved", Environment.valueOf(env, "X"));
    }

    @Test
    void resolvedValuesAreNeverExpanded() {
        List<NameValue> env = Environment.finalEnv(List.of(nv("A", "a")), List.of(nv("SECRET", "p$(A)ss$$")));
        assertEquals("p$(A)ss$$", Environment.valueOf(env, "SECRET"));
    }

    @Test
    void staticValuesExpandOnceWithoutRecursion() {
        List<NameValue> env = Environment.finalEnv(List.of(nv("A", "$(B)"), nv("B", "$(A)")), List.of());
        assertEquals("$(A)", Environment.valueOf(env, "A"));
        assertEquals("$(B)", Environment.valueOf(env, "B"));
    }

    @Test
    void pathIsKeptWhenSetAndDefaultedWhenNot() {
        assertEquals("/x", Environment.valueOf(Environment.finalEnv(List.of(nv("PATH", "/x")), List.of()), "PATH"));
        assertEquals("/y", Environment.valueOf(Environment.finalEnv(List.of(), List.of(nv("PATH", "/y"))), "PATH"));
        assertEquals(Environment.DEFAULT_PATH, Environment.valueOf(Environment.finalEnv(List.of(), List.of()), "PATH"));
    }

    @Test
    void argvIsCommandThenArgsExpandedAgainstTheFinalEnvironment() {
        List<NameValue> env = List.of(nv("MY_VAR", "hello"), nv("OTHER_VAR", "world"));
        assertEquals(
                List.of("/bin/sh", "-c", "script", "hello", "hello-world", "$(NOPE)"),
                Environment.argv(
                        List.of("/bin/sh", "-c", "script"),
                        List.of("$(MY_VAR)", "$(MY_VAR)-$(OTHER_VAR)", "$(NOPE)"),
                        env));
        assertEquals(List.of("hello"), Environment.argv(List.of(), List.of("$(MY_VAR)"), env));
    }

    @Test
    void emptyCommandAndArgsRunTheShell() {
        assertEquals(List.of("/.easyto/bin/sh"), Environment.argv(List.of(), List.of(), List.of()));
    }
}
