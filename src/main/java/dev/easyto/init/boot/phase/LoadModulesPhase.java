package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.BoundedRun;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code modules}: each loaded with the image's modprobe, in order, before any sysctl is set. */
@ApplicationScoped
public class LoadModulesPhase implements Phase<ModulesLoaded> {
    private static final PhaseInfo<ModulesLoaded> INFO =
            PhaseInfo.of("load-modules", ModulesLoaded.class).consumes(MergedSpec.class);

    private final Processes processes;
    private final Layout layout;
    private final InitConfig.Timeouts timeouts;

    public LoadModulesPhase(Processes processes, Layout layout, InitConfig config) {
        this.timeouts = config.timeouts();
        this.processes = processes;
        this.layout = layout;
    }

    @Override
    public PhaseInfo<ModulesLoaded> info() {
        return INFO;
    }

    @Override
    public ModulesLoaded run(PhaseInputs inputs) throws BootFailure {
        List<String> modules = inputs.get(MergedSpec.class).spec().modules();
        List<String> environ = Environ.overInit(List.of());
        for (String module : modules) {
            ChildExit exit;
            try {
                exit = BoundedRun.run(
                        processes,
                        SpawnRequest.asRoot(layout.modprobe(), List.of(layout.modprobe(), module), environ),
                        "modprobe " + module,
                        timeouts.modprobe(),
                        timeouts.stillRunningReport());
            } catch (BoundedRun.DeadlineExceeded e) {
                throw new BootFailure("unable to load kernel module " + module + ": " + e.getMessage(), e);
            } catch (SyscallException e) {
                throw new BootFailure(
                        "unable to load kernel module " + module + ": " + layout.modprobe() + ": "
                                + Errno.description(e.errno()),
                        e);
            }
            if (!exit.exited() || exit.status() != 0) {
                throw new BootFailure("unable to load kernel module " + module + ": modprobe " + exit.describe());
            }
            Console.info("loaded kernel module %s", module);
        }
        return new ModulesLoaded(modules);
    }
}
