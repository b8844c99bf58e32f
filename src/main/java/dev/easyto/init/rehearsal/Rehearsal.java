package dev.easyto.init.rehearsal;

import dev.easyto.init.analyze.Blame;
import dev.easyto.init.analyze.TraceException;
import dev.easyto.init.analyze.TraceReader;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.BootOrchestrator;
import dev.easyto.init.boot.BootTrace;
import dev.easyto.init.boot.phase.PhaseOutputs.MainCommand;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Processes;
import dev.easyto.init.spec.VmSpec;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One rehearsal of the boot: the scratch root laid out from the image, the same boot graph PID 1
 * runs ({@link BootOrchestrator}), the trace written where PID 1 writes it (in the scratch root),
 * then what a person wants to see: the trace's blame, what the hand-over would do and the final
 * plan. What PID 1 does around the graph (the signal take-over, the hand-over, power-off) is
 * described, not run: it needs to be PID 1.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class Rehearsal {

    /** What a rehearsal found; {@code failure} is null when the boot completed. */
    public record Report(boolean completed, String failure, List<String> actions, String text) {}

    private final BootOrchestrator orchestrator;
    private final Processes processes;
    private final RehearsalLog log;
    private final Root root;
    private final Layout layout;
    private final Path image;

    public Rehearsal(
            BootOrchestrator orchestrator,
            Processes processes,
            RehearsalLog log,
            Root root,
            Layout layout,
            RehearsalConfig config) {
        this.orchestrator = orchestrator;
        this.processes = processes;
        this.log = log;
        this.root = root;
        this.layout = layout;
        this.image = Path.of(config.image()).toAbsolutePath();
    }

    /** Rehearses the boot once and prints the report on standard output. */
    public synchronized Report run() throws IOException {
        log.reset();
        Console.setDebug(false);
        ScratchRoot.prepare(root.base(), image, layout);
        Instant started = Instant.now();
        Console.info("rehearsal: booting %s into %s", image, root.base());
        log.would(
                "block SIGINT, SIGTERM and SIGRTMIN+4 in every thread, re-execute itself and read them from a signalfd");
        // The reaper is real: it collects the made-up children of the rehearsed process calls.
        processes.start();
        BootTrace trace = new BootTrace();
        BootOrchestrator.BootResults results = null;
        String failure = null;
        try {
            results = orchestrator.run(trace);
            trace.command(results.get(MainCommand.class).shown());
        } catch (BootFailure e) {
            failure = e.describe();
            Console.error("System error: %s", failure);
        }
        Path traceFile = root.resolve(layout.bootTrace());
        trace.write(traceFile, results != null);
        List<String> handOver = new ArrayList<>();
        if (results != null) {
            handOver(results.get(MergedSpec.class).spec(), results.get(MainCommand.class), handOver);
        } else {
            log.would("stop every process, unmount what the init mounted and power off (the boot failed)");
        }
        StringBuilder text = new StringBuilder("\n");
        text.append(blame(traceFile)).append('\n');
        handOver.forEach(line -> text.append(line).append('\n'));
        if (results != null) {
            text.append(PlanReport.render(results.get(MainCommand.class).shown(), root, log, started));
        } else {
            text.append("plan: none, the boot failed: ").append(failure).append('\n');
        }
        System.out.print(text);
        System.out.flush();
        return new Report(results != null, failure, log.actions(), text.toString());
    }

    /** Pid1's hand-over in words: services, the read-only remount, then exec or supervise. */
    private void handOver(VmSpec spec, MainCommand command, List<String> lines) {
        if (!spec.replaceInit()) {
            Path services = root.resolve(layout.services());
            List<String> carried = new ArrayList<>();
            try (var markers = Files.list(services)) {
                markers.map(path -> path.getFileName().toString()).sorted().forEach(carried::add);
            } catch (IOException e) {
                // No services directory: the image carries none.
            }
            carried.removeAll(spec.disableServices());
            if (!carried.isEmpty()) {
                log.would("start the built-in services %s", String.join(", ", carried));
            }
        }
        if (spec.readonlyRootFs()) {
            log.would("remount / read-only");
        }
        String argv = String.join(" ", command.shown().argv());
        if (spec.replaceInit()) {
            log.would("execute %s as PID 1 (replace-init)", argv);
        } else {
            log.would(
                    "spawn %s and supervise it; on its exit, stop the rest within %d s and power off",
                    argv, spec.shutdownGracePeriod());
        }
        lines.add("hand-over: " + (spec.replaceInit() ? "replace-init" : "supervise"));
    }

    private static String blame(Path traceFile) {
        try {
            return Blame.render(TraceReader.read(Files.readAllBytes(traceFile), traceFile.toString()));
        } catch (IOException | TraceException e) {
            return "no boot trace to show: " + e.getMessage() + "\n";
        }
    }
}
