package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.EbsVolumesReady;
import dev.easyto.init.boot.phase.PhaseOutputs.MainCommand;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Identity;
import dev.easyto.init.process.LaunchCommand;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.SpecProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The main command: expanded, argv[0] looked up in PATH (execve does not search), its identity.
 * After the EBS volumes, where the program may live (upstream R looks it up after the volumes too).
 */
@ApplicationScoped
public class BuildCommandPhase implements Phase<MainCommand> {
    private static final PhaseInfo<MainCommand> INFO = PhaseInfo.of("build-command", MainCommand.class)
            .consumes(MergedSpec.class, ResolvedEnv.class)
            .after(EbsVolumesReady.class);

    private final Root root;

    public BuildCommandPhase(Root root) {
        this.root = root;
    }

    /**
     * What the boot trace shows of the command, in the shape {@code plan} prints it: variable
     * names but no values, and argv with fetched values left as their {@code $(NAME)}.
     */
    static MainCommand.Shown shown(SpecPipeline.Command command, List<NameValue> fetched) {
        List<String> fetchedNames = fetched.stream().map(NameValue::name).toList();
        return new MainCommand.Shown(
                command.shownArgv(),
                command.env().stream()
                        .map(NameValue::name)
                        .filter(name -> !fetchedNames.contains(name))
                        .toList(),
                fetchedNames,
                command.workingDir(),
                command.uid(),
                command.gid(),
                command.groups());
    }

    @Override
    public PhaseInfo<MainCommand> info() {
        return INFO;
    }

    @Override
    public MainCommand run(PhaseInputs inputs) throws BootFailure {
        MergedSpec merged = inputs.get(MergedSpec.class);
        ResolvedEnv env = inputs.get(ResolvedEnv.class);
        List<SpecProblem> warnings = new ArrayList<>();
        SpecPipeline.Command command;
        try {
            command = SpecPipeline.command(merged.spec(), env.env(), root, merged.argv0Origin(), warnings);
        } catch (SpecException e) {
            // The console says what is missing; where it was written is validate's to show.
            throw new BootFailure(e.errors().getFirst().message(), e);
        }
        warnings.forEach(w -> Console.warn("%s", w.format()));
        LaunchCommand launch = new LaunchCommand(
                command.argv(),
                command.env(),
                command.workingDir(),
                new Identity(command.uid(), command.gid(), command.groups()));
        return new MainCommand(launch, shown(command, env.fetched()));
    }
}
