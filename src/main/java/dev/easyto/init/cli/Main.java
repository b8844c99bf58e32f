package dev.easyto.init.cli;

import dev.easyto.init.log.Console;
import dev.easyto.init.pid1.Pid1;
import dev.easyto.init.process.Environ;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine;

/** Entry point of every mode: PID 1 ({@code init}, the default) and the commands for people. */
@QuarkusMain
public class Main implements QuarkusApplication {
    private final CommandLine.IFactory factory;
    private final Pid1 pid1;
    private final InitCommand init;

    @Inject
    public Main(CommandLine.IFactory factory, Pid1 pid1, InitCommand init) {
        this.factory = factory;
        this.pid1 = pid1;
        this.init = init;
    }

    @Override
    public int run(String... args) {
        if (pid1.isPid1()) {
            // The kernel passes init the words of its command line that it does not know itself
            // (say "single" or "splash"). As PID 1 there is nothing else to be, and a usage
            // error here would end PID 1: they are named and ignored.
            // Once: the re-executed init (SignalTakeover) gets the same words again.
            if (args.length > 0 && !List.of(args).equals(List.of("init")) && !Environ.reexecuted()) {
                Console.warn("ignoring arguments to init from the kernel command line: %s", String.join(" ", args));
            }
            return init.call();
        }
        return new CommandLine(EasytoInitCommand.class, factory).execute(args);
    }
}
