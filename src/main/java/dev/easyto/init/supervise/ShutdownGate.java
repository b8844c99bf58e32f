package dev.easyto.init.supervise;

import dev.easyto.init.process.Processes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Closed once the shutdown begins, so nothing starts after it: a service restart either spawns
 * before {@link #close} returns, and is then among the services the shutdown stops, or not at all.
 * It also keeps each service's latest process, by the order the services first started, for the
 * shutdown to stop them in reverse.
 */
@ApplicationScoped
public class ShutdownGate {
    /** A service's latest process. */
    public record Service(String name, Processes.Child child) {}

    private boolean closed;
    // By first start: a restart keeps the service's place, since the order is about which
    // service may rely on which (ssh after chrony), not about when one last crashed.
    private final Map<String, Processes.Child> services = new LinkedHashMap<>();

    /** Closes the gate; returns the services' latest processes, the last started first. */
    public synchronized List<Service> close() {
        closed = true;
        List<Service> reversed = new ArrayList<>();
        services.forEach((name, child) -> reversed.addFirst(new Service(name, child)));
        return reversed;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Starts a service's process unless the gate is closed, and keeps it for the shutdown. */
    public synchronized Optional<Processes.Child> startService(String name, Supplier<Processes.Child> start) {
        if (closed) {
            return Optional.empty();
        }
        Processes.Child child = start.get();
        services.put(name, child);
        return Optional.of(child);
    }
}
