package dev.easyto.init.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.process.Processes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The services the gate let through, handed to the shutdown last started first. */
class ShutdownGateTest {
    private final ShutdownGate gate = new ShutdownGate();

    private static Processes.Child child(int pid) {
        return new Processes.Child(pid, new CompletableFuture<>());
    }

    @Test
    void closingGivesTheLatestProcessOfEachServiceInReverseStartOrder() {
        gate.startService("chrony", () -> child(11));
        gate.startService("ssh", () -> child(12));
        // chrony restarted after ssh started: it keeps its place, ssh still stops first.
        Processes.Child restarted = child(13);
        gate.startService("chrony", () -> restarted);

        List<ShutdownGate.Service> services = gate.close();

        assertEquals(
                List.of("ssh", "chrony"),
                services.stream().map(ShutdownGate.Service::name).toList());
        assertEquals(restarted, services.get(1).child());
    }

    @Test
    void nothingStartsOnceClosed() {
        gate.close();
        assertTrue(gate.startService("ssh", () -> {
                    throw new AssertionError("spawned after the gate closed");
                })
                .isEmpty());
        assertEquals(List.of(), gate.close());
    }
}
