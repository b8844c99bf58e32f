package dev.easyto.init.supervise;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Closed once the shutdown begins, so nothing starts after it: a service restart either spawns
 * before {@link #close} returns, and is then in {@code /proc} for the SIGTERM that follows, or
 * not at all.
 */
@ApplicationScoped
public class ShutdownGate {
    private boolean closed;

    public synchronized void close() {
        closed = true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Runs {@code start} unless the gate is closed; empty when it was. */
    public synchronized <T> Optional<T> unlessClosed(Supplier<T> start) {
        return closed ? Optional.empty() : Optional.of(start.get());
    }
}
