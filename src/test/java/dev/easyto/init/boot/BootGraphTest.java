package dev.easyto.init.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootGraphTest {
    record A() {}

    record B() {}

    record C() {}

    static <R> FakePhase<R> phase(String name, Class<R> produces, Class<?>... consumes) {
        return new FakePhase<>(name, List.of(consumes), produces, in -> null);
    }

    @Test
    void dependenciesFollowFromConsumedTypes() {
        BootGraph graph = BootGraph.of(
                List.of(phase("c", C.class, A.class, B.class), phase("b", B.class, A.class), phase("a", A.class)));
        assertEquals(List.of(), graph.dependencies("a"));
        assertEquals(List.of("a"), graph.dependencies("b"));
        assertEquals(List.of("a", "b"), graph.dependencies("c"));
        assertEquals(List.of("a", "b", "c"), graph.order());
    }

    @Test
    void aConsumedTypeWithoutProducerIsRejected() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> BootGraph.of(List.of(phase("b", B.class, A.class))));
        assertTrue(e.getMessage().contains("b consumes A, which no phase produces"), e.getMessage());
    }

    @Test
    void cyclesAreRejectedNamingThePhases() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> BootGraph.of(List.of(
                        phase("a", A.class, C.class),
                        phase("b", B.class, A.class),
                        phase("c", C.class, B.class),
                        phase("free", Record.class))));
        assertTrue(e.getMessage().contains("dependency cycle among a, b, c"), e.getMessage());
    }

    @Test
    void twoProducersOrTwoNamesAreRejected() {
        assertTrue(assertThrows(
                        IllegalStateException.class,
                        () -> BootGraph.of(List.of(phase("a", A.class), phase("b", A.class))))
                .getMessage()
                .contains("A is produced by both a and b"));
        assertTrue(assertThrows(
                        IllegalStateException.class,
                        () -> BootGraph.of(List.of(phase("a", A.class), phase("a", B.class))))
                .getMessage()
                .contains("two phases are named a"));
    }
}
