package dev.easyto.init.cli;

import dev.easyto.init.spec.JsonSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the JSON Schema of user data shipped in the jar, for editors and CI pipelines. */
@Command(name = "schema", description = "Print the JSON Schema of user data.")
public class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(JsonSchema.shipped());
        command.commandLine().getOut().flush();
        return 0;
    }
}
