package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.Environment;
import dev.easyto.init.spec.ExecutableLookup;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.SupplementaryGroups;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.supervise.LaunchCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The main command: expanded, argv[0] looked up in PATH (execve does not search), its identity. */
@ApplicationScoped
public class BuildCommandPhase implements Phase<LaunchCommand> {

    @Override
    public String name() {
        return "build-command";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(VmSpec.class, ResolvedEnv.class);
    }

    @Override
    public Class<LaunchCommand> produces() {
        return LaunchCommand.class;
    }

    @Override
    public LaunchCommand run(PhaseInputs inputs) throws BootFailure {
        VmSpec spec = inputs.get(VmSpec.class);
        List<NameValue> env = inputs.get(ResolvedEnv.class).env();
        List<String> argv = new ArrayList<>(Environment.argv(spec.command(), spec.args(), env));
        Root root = Root.system();
        String executable = ExecutableLookup.find(argv.getFirst(), Environment.valueOf(env, "PATH"), root)
                .orElseThrow(() -> new BootFailure("unable to find executable in PATH: " + argv.getFirst()));
        argv.set(0, executable);
        List<Long> groups = SupplementaryGroups.of(spec.uid(), spec.gid(), root);
        return new LaunchCommand(List.copyOf(argv), env, spec.workingDir(), spec.uid(), spec.gid(), groups);
    }
}
