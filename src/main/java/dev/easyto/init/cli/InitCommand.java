package dev.easyto.init.cli;

import dev.easyto.init.pid1.Pid1;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Hands over to {@link Pid1}, which never returns; refuses to run anywhere but as PID 1. */
@Dependent
@Command(name = "init", description = "Boot the instance as PID 1 (the default when no subcommand is given).")
public class InitCommand implements Callable<Integer> {
    private final Pid1 pid1;

    public InitCommand(Pid1 pid1) {
        this.pid1 = pid1;
    }

    @Override
    public Integer call() {
        if (!pid1.isPid1()) {
            System.err.println("error: init runs only as PID 1; to check user data use 'validate' or 'plan'");
            return 2;
        }
        pid1.run();
        return 0;
    }
}
