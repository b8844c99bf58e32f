package dev.easyto.init.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Without a subcommand the binary is the init: the kernel starts it with no arguments. */
@Command(
        name = "easyto-init",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "PID 1 for EC2 instances built from container images by easyto.",
        subcommands = {
            InitCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            SchemaCommand.class,
            AnalyzeCommand.class
        })
public class EasytoInitCommand implements Callable<Integer> {
    private final InitCommand init;

    @Inject
    public EasytoInitCommand(InitCommand init) {
        this.init = init;
    }

    @Override
    public Integer call() {
        return init.call();
    }
}
