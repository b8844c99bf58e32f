package dev.easyto.init.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootOrchestratorTest {
    record Start(int value) {}

    record Left(int value) {}

    record Right(int value) {}

    record Joined(int value) {}

    @TempDir
    Path dir;

    @Test
    void independentPhasesRunInParallelAndResultsFlowByType() throws Exception {
        // left and right each wait for the other to have started: this finishes only if they overlap.
        CountDownLatch bothStarted = new CountDownLatch(2);
        FakePhase<Left> left = new FakePhase<>("left", List.of(Start.class), Left.class, in -> {
            bothStarted.countDown();
            await(bothStarted);
            return new Left(in.get(Start.class).value() + 1);
        });
        FakePhase<Right> right = new FakePhase<>("right", List.of(Start.class), Right.class, in -> {
            bothStarted.countDown();
            await(bothStarted);
            return new Right(in.get(Start.class).value() + 2);
        });
        FakePhase<Joined> join = new FakePhase<>(
                "join",
                List.of(Left.class, Right.class),
                Joined.class,
                in -> new Joined(
                        in.get(Left.class).value() * in.get(Right.class).value()));
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> new Start(1));

        BootTrace trace = new BootTrace();
        BootOrchestrator.BootResults results = new BootOrchestrator(List.of(join, right, left, start)).run(trace);
        assertEquals(6, results.get(Joined.class).value());
        assertEquals(
                Map.of(
                        "start",
                        BootTrace.Status.OK,
                        "left",
                        BootTrace.Status.OK,
                        "right",
                        BootTrace.Status.OK,
                        "join",
                        BootTrace.Status.OK),
                statuses(trace));
    }

    @Test
    void aFailureSkipsDependentsAndIsTheBootsFailure() {
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> {
            throw new IllegalArgumentException("disk on fire");
        });
        FakePhase<Left> left = new FakePhase<>("left", List.of(Start.class), Left.class, in -> new Left(0));
        FakePhase<Right> right = new FakePhase<>("right", List.of(), Right.class, in -> new Right(0));
        BootTrace trace = new BootTrace();
        BootFailure failure =
                assertThrows(BootFailure.class, () -> new BootOrchestrator(List.of(start, left, right)).run(trace));
        assertEquals("disk on fire", failure.describe());
        assertEquals(
                Map.of(
                        "start",
                        BootTrace.Status.FAILED,
                        "left",
                        BootTrace.Status.SKIPPED,
                        "right",
                        BootTrace.Status.OK),
                statuses(trace));
    }

    /** Errors too: one that escaped used to leave the boot going on without the phase's output. */
    @Test
    void anErrorInAPhaseIsTheBootsFailure() {
        for (Error error :
                List.of(new StackOverflowError(), new OutOfMemoryError("Java heap space"), new AssertionError())) {
            FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> {
                throw error;
            });
            FakePhase<Left> left = new FakePhase<>("left", List.of(Start.class), Left.class, in -> new Left(0));
            BootTrace trace = new BootTrace();
            BootFailure failure =
                    assertThrows(BootFailure.class, () -> new BootOrchestrator(List.of(start, left)).run(trace));
            String name = error.getClass().getSimpleName();
            assertEquals(error.getMessage() == null ? name : name + ": " + error.getMessage(), failure.describe());
            assertEquals(Map.of("start", BootTrace.Status.FAILED, "left", BootTrace.Status.SKIPPED), statuses(trace));
        }
    }

    @Test
    void aBootFailureKeepsItsKindAndMessage() {
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> {
            throw new BootFailure("InvalidYaml", "bad indentation", null);
        });
        BootFailure failure =
                assertThrows(BootFailure.class, () -> new BootOrchestrator(List.of(start)).run(new BootTrace()));
        assertEquals("InvalidYaml: bad indentation", failure.describe());
    }

    @Test
    void readingAnUndeclaredInputIsAnError() {
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> new Start(1));
        FakePhase<Left> sneaky = new FakePhase<>(
                "sneaky",
                List.of(),
                Left.class,
                in -> new Left(in.get(Start.class).value()));
        BootFailure failure = assertThrows(
                BootFailure.class, () -> new BootOrchestrator(List.of(start, sneaky)).run(new BootTrace()));
        assertEquals("phase sneaky reads Start without declaring it", failure.describe());
    }

    @Test
    void theTraceIsWrittenAsJson() throws IOException {
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> new Start(1));
        BootTrace trace = new BootTrace();
        assertThrows(
                BootFailure.class,
                () -> new BootOrchestrator(
                                List.of(start, new FakePhase<>("late", List.of(Start.class), Left.class, in -> {
                                    throw new IllegalStateException("late failure");
                                })))
                        .run(trace));
        Path file = dir.resolve("run/boot-trace.json");
        trace.write(file, false);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("version", json.fieldNames().next());
        assertEquals(BootTrace.VERSION, json.get("version").asInt());
        assertEquals(false, json.get("completed").asBoolean());
        assertEquals(2, json.get("phases").size());
        Map<String, JsonNode> byName = new HashMap<>();
        json.get("phases").forEach(phase -> byName.put(phase.get("name").asText(), phase));
        JsonNode late = byName.get("late");
        assertEquals("FAILED", late.get("status").asText());
        assertEquals("late failure", late.get("error").asText());
        assertEquals("OK", byName.get("start").get("status").asText());
        assertEquals("[\"start\"]", late.get("after").toString());
        assertEquals("[]", byName.get("start").get("after").toString());
        assertTrue(late.get("started-ms").asLong()
                >= byName.get("start").get("ended-ms").asLong());
    }

    record Noted(String note) implements PhaseNote {}

    @Test
    void aPhasesNoteReachesTheTraceAndTheBootGoesOn() throws Exception {
        FakePhase<Start> start = new FakePhase<>("start", List.of(), Start.class, in -> new Start(1));
        FakePhase<Noted> noted = new FakePhase<>(
                "noted", List.of(Start.class), Noted.class, in -> new Noted("root volume not grown: why"));
        FakePhase<Left> quiet = new FakePhase<>("quiet", List.of(Noted.class), Left.class, in -> new Left(2));

        BootTrace trace = new BootTrace();
        new BootOrchestrator(List.of(start, noted, quiet)).run(trace);
        Path file = dir.resolve("trace.json");
        trace.write(file, true);
        Map<String, JsonNode> byName = new HashMap<>();
        new ObjectMapper()
                .readTree(file.toFile())
                .get("phases")
                .forEach(p -> byName.put(p.get("name").asText(), p));
        assertEquals("OK", byName.get("noted").get("status").asText());
        assertEquals(
                "root volume not grown: why", byName.get("noted").get("note").asText());
        assertTrue(byName.get("quiet").get("note").isNull());
        assertEquals("OK", byName.get("quiet").get("status").asText());
    }

    private static Map<String, BootTrace.Status> statuses(BootTrace trace) {
        return trace.document(true).phases().stream()
                .collect(Collectors.toMap(BootTrace.Entry::name, BootTrace.Entry::status));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("phases did not run in parallel");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
