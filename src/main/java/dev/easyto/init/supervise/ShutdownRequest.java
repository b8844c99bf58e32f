package dev.easyto.init.supervise;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * The first reason to shut down that arrives from outside the main process (a signal, a spot
 * interruption notice). Later ones change nothing: a shutdown is already under way.
 */
@ApplicationScoped
public class ShutdownRequest {
    private final CompletableFuture<String> reason = new CompletableFuture<>();

    /** Records the reason; returns false when a shutdown was already requested. */
    public boolean request(String why) {
        return reason.complete(why);
    }

    /** Completes with the first reason given. */
    public CompletableFuture<String> reason() {
        return reason;
    }
}
