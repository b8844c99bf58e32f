package dev.easyto.init.rehearsal;

import dev.easyto.init.log.Console;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Dev mode's main ({@code %dev.quarkus.package.main-class=rehearsal}): rehearses the boot, then
 * waits, rehearsing again whenever an input changes. A code change is Quarkus's own live reload:
 * its restart key ({@code s}) recompiles and starts this main again.
 */
@QuarkusMain(name = "rehearsal")
@IfBuildProfile("dev")
public class RehearsalMain implements QuarkusApplication {
    private final Rehearsal rehearsal;
    private final List<Path> watched;
    private final Duration pollInterval;

    @Inject
    public RehearsalMain(Rehearsal rehearsal, RehearsalConfig config) {
        this.rehearsal = rehearsal;
        this.watched = config.watch().orElse(List.of()).stream()
                .map(path -> Path.of(path).toAbsolutePath())
                .toList();
        this.pollInterval = config.pollInterval();
    }

    @Override
    public int run(String... args) {
        InputWatch watch = new InputWatch(watched);
        rehearse();
        Thread watcher = Thread.ofPlatform().daemon().name("rehearsal-watch").start(() -> rehearseOnChange(watch));
        Console.info(
                "rehearsal: waiting; a change to %s rehearses again, and so does [s] after a code change",
                watched.isEmpty() ? "(nothing watched: set easyto.rehearsal.watch)" : watched);
        Quarkus.waitForExit();
        watcher.interrupt();
        return 0;
    }

    private void rehearseOnChange(InputWatch watch) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                return;
            }
            if (watch.changed()) {
                Console.info("rehearsal: an input changed, rehearsing again");
                rehearse();
            }
        }
    }

    private void rehearse() {
        try {
            rehearsal.run();
        } catch (IOException | RuntimeException e) {
            // Dev mode stays up: the next change may fix what this one broke.
            Console.error("rehearsal: %s", e);
        }
    }
}
