package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.supervise.Processes;
import dev.easyto.init.supervise.SpawnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code modules}: each loaded with the image's modprobe, in order, before any sysctl is set. */
@ApplicationScoped
public class LoadModulesPhase implements Phase<ModulesLoaded> {
    static final String MODPROBE = "/.easyto/sbin/modprobe";

    private final Processes processes;

    public LoadModulesPhase(Processes processes) {
        this.processes = processes;
    }

    @Override
    public String name() {
        return "load-modules";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(VmSpec.class);
    }

    @Override
    public Class<ModulesLoaded> produces() {
        return ModulesLoaded.class;
    }

    @Override
    public ModulesLoaded run(PhaseInputs inputs) throws BootFailure {
        List<String> modules = inputs.get(VmSpec.class).modules();
        List<String> environ = SpawnRequest.overInitEnvironment(List.of());
        for (String module : modules) {
            ChildExit exit;
            try {
                exit = processes.run(SpawnRequest.asRoot(MODPROBE, List.of(MODPROBE, module), environ));
            } catch (SyscallException e) {
                throw new BootFailure(
                        "unable to load kernel module " + module + ": " + MODPROBE + ": "
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
