package dev.easyto.init.cli;

import jakarta.enterprise.context.Dependent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PID 1. The boot orchestrator is not wired in yet; until it is, refuse clearly instead of pretending. */
@Dependent
@Command(name = "init", description = "Boot the instance as PID 1 (the default when no subcommand is given).")
public class InitCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("error: the boot sequence is not available in this build; use 'validate' or 'plan'");
        return 1;
    }
}
