package dev.easyto.init.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Entry point of every mode: PID 1 ({@code init}, the default) and the commands for people. */
@QuarkusMain
public class Main implements QuarkusApplication {
    private final CommandLine.IFactory factory;

    @Inject
    public Main(CommandLine.IFactory factory) {
        this.factory = factory;
    }

    @Override
    public int run(String... args) {
        return new CommandLine(EasytoInitCommand.class, factory).execute(args);
    }
}
