package dev.easyto.init.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TraceReaderTest {

    @Test
    void readsARecordedBoot() {
        RecordedBoot boot = Traces.read(Traces.SAMPLE);
        assertEquals(1, boot.version());
        assertTrue(boot.completed());
        assertTrue(boot.commandBuilt());
        assertEquals(RecordedBoot.Ending.COMPLETED, boot.ending());
        assertEquals(15, boot.phases().size());
        assertEquals(-2327, boot.pid1StartedMs().orElseThrow());
        assertEquals(1357, boot.totalMs());
        PhaseRun network = boot.phase("network").orElseThrow();
        assertEquals(List.of("base-mounts"), network.after());
        assertEquals(66, network.startedMs());
        assertEquals(88, network.durationMs());
        assertEquals(Outcome.OK, network.outcome());
    }

    @Test
    void readsAFailedBootAndWhyPhasesWereSkipped() {
        RecordedBoot boot = Traces.read(Traces.FAILED);
        assertEquals(RecordedBoot.Ending.FAILED, boot.ending());
        assertFalse(boot.commandBuilt());
        PhaseRun failed = boot.firstFailure().orElseThrow();
        assertEquals("parse-user-data", failed.name());
        assertTrue(failed.error().startsWith("InvalidYaml: "), failed.error());
        // volumes waits for merge-spec and resolve-env, both skipped because parsing failed.
        assertEquals(
                List.of("parse-user-data"),
                boot.skippedBecause(boot.phase("volumes").orElseThrow()));
        assertEquals(List.of(), boot.skippedBecause(boot.phase("network").orElseThrow()));
    }

    @Test
    void readsABootCutShort() {
        RecordedBoot boot = Traces.read(Traces.CUT_SHORT);
        assertEquals(RecordedBoot.Ending.CUT_SHORT, boot.ending());
        assertEquals(5, boot.phases().size());
        assertFalse(boot.commandBuilt());
    }

    @Test
    void aTruncatedTraceSaysSo() {
        byte[] whole = Traces.bytes(Traces.SAMPLE);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        String message = error(half);
        assertTrue(
                message.matches(
                        "boot-trace\\.json:\\d+:\\d+: the trace ends in the middle of its JSON: it is truncated"),
                message);
    }

    @Test
    void everyCutOfARealTraceIsAnErrorNamingTheFile() {
        byte[] whole = Traces.bytes(Traces.SAMPLE);
        int lastBrace = new String(whole, StandardCharsets.UTF_8).lastIndexOf('}');
        for (int length = 0; length <= lastBrace; length++) {
            String message = error(Arrays.copyOf(whole, length));
            assertTrue(message.startsWith("boot-trace.json"), message);
        }
    }

    /** Whatever bytes a damaged trace holds, reading it ends in a trace, or in a TraceException. */
    @Property(tries = 300)
    void aDamagedTraceIsReadOrRefusedNeverThrowsAnythingElse(
            @ForAll @IntRange(min = 0, max = 3500) int position, @ForAll byte value) {
        byte[] trace = Traces.bytes(Traces.FAILED);
        trace[position % trace.length] = value;
        try {
            TraceReader.read(trace, "boot-trace.json");
        } catch (TraceException e) {
            assertTrue(e.getMessage().startsWith("boot-trace.json"), e.getMessage());
        }
    }

    @Test
    void emptyAndNotJsonAndNotAnObject() {
        assertEquals("boot-trace.json: empty: no trace was written, or nothing of it was kept", error(" \n"));
        assertEquals(
                "boot-trace.json:1:1: invalid JSON: Unexpected character ('<' (code 60)): expected a valid value "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                error("<html>"));
        assertEquals("boot-trace.json:1:1: not a boot trace: expected a JSON object, found an array", error("[1]"));
        assertEquals("boot-trace.json:1:4: more after the end of the trace's JSON object", error("{} {}"));
    }

    @Test
    void aMissingVersionOrANewerOneIsNamed() {
        assertEquals(
                "boot-trace.json:1:1: no \"version\" field: not a boot trace, or one written before trace format"
                        + " version 1",
                error("{\"phases\": []}"));
        assertEquals(
                "boot-trace.json:1:13: version: trace format 2 is newer than this easyto-init reads (1): use the"
                        + " easyto-init that wrote it",
                error("{\"version\": 2}"));
        assertEquals("boot-trace.json:1:13: version: expected an integer, found \"1\"", error("{\"version\": \"1\"}"));
    }

    @Test
    void aMissingFieldIsNamedWithItsPhaseAndLine() {
        String trace = valid().replace("\"status\": \"OK\", ", "");
        assertEquals("boot-trace.json:6:3: phases[1]: no \"status\" field", error(trace));
        assertEquals("boot-trace.json:1:1: no \"completed\" field", error(valid().replace("\"completed\": true,", "")));
    }

    @Test
    void aWrongValueIsNamedWithItsPath() {
        assertEquals(
                "boot-trace.json:6:75: phases[1].status: expected OK, FAILED or SKIPPED, found \"DONE\"",
                error(valid().replace(
                                "\"status\": \"OK\", \"error\": null}\n  ]",
                                "\"status\": \"DONE\", \"error\": null}\n  ]")));
        assertEquals(
                "boot-trace.json:4:44: phases[0].started-ms: expected an integer, found 1.5",
                error(valid().replace("\"started-ms\": 1,", "\"started-ms\": 1.5,")));
        assertEquals(
                "boot-trace.json:6:62: phases[1].ended-ms: 2 is before the phase started (3 ms)",
                error(valid().replace("\"ended-ms\": 9", "\"ended-ms\": 2")));
    }

    @Test
    void phasesMustAgreeWithEachOther() {
        assertEquals(
                "boot-trace.json:6:12: phases[1].name: phase a is recorded twice (also phases[0])",
                error(valid().replace("\"name\": \"b\"", "\"name\": \"a\"").replace("[\"a\"]", "[]")));
        assertEquals(
                "boot-trace.json:6:27: phases[1].after[0]: b started at 3 ms, before a, which it waits for, ended ("
                        + "4 ms)",
                error(valid().replace("\"ended-ms\": 2,", "\"ended-ms\": 4,")));
        assertEquals(
                "boot-trace.json:6:27: phases[1].after[0]: b waits for c, which the trace does not have",
                error(valid().replace("[\"a\"]", "[\"c\"]")));
        assertEquals(
                "boot-trace.json:6:75: phases[1].status: the boot completed, but b is FAILED",
                error(valid().replace(
                                "\"status\": \"OK\", \"error\": null}\n  ]",
                                "\"status\": \"FAILED\", \"error\": \"x\"}\n  ]")));
    }

    @Test
    void fieldsItDoesNotKnowAreIgnored() throws TraceException {
        RecordedBoot boot = TraceReader.read(
                valid().replace("\"completed\": true,", "\"completed\": true, \"future\": {\"x\": [1]},")
                        .getBytes(StandardCharsets.UTF_8),
                "t");
        assertEquals(2, boot.phases().size());
    }

    /** A small valid trace, one field a line where the tests need positions. */
    private static String valid() {
        return """
                {"version": 1, "boot-started-epoch-ms": 1000, "pid1-started-ms": -300,
                 "total-ms": 10, "completed": true,
                 "phases": [
                  {"name": "a", "after": [], "started-ms": 1, "ended-ms": 2, "status": "OK"},

                  {"name": "b", "after": ["a"], "started-ms": 3, "ended-ms": 9, "status": "OK", "error": null}
                  ]
                }
                """;
    }

    private static String error(String trace) {
        return error(trace.getBytes(StandardCharsets.UTF_8));
    }

    private static String error(byte[] trace) {
        return assertThrows(TraceException.class, () -> TraceReader.read(trace, "boot-trace.json"))
                .getMessage();
    }
}
