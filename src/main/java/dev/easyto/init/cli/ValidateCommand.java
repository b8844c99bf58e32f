package dev.easyto.init.cli;

import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecProblem;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.UserDataText;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Checks user data the way the init will read it: against the schema, and with {@code --metadata}
 * also merged with the image (USER, PATH lookup with {@code --root}). Every error is printed, one
 * per line, as {@code file:line:column: path: message}.
 */
@Command(
        name = "validate",
        description =
                "Check user data; exit 0 and print OK when the init would accept it, 1 with every error when not.")
public class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Mixin
    SpecOptions options;

    @Override
    public Integer call() {
        CommandLine commandLine = command.commandLine();
        PrintWriter out = commandLine.getOut();
        PrintWriter err = commandLine.getErr();
        try {
            List<SpecProblem> warnings;
            if (options.metadata == null) {
                String source = options.userDataSource();
                warnings = UserDataReader.parse(UserDataText.decode(options.userDataBytes(commandLine), source), source)
                        .warnings();
            } else {
                warnings = options.plan(commandLine).warnings();
            }
            warnings.forEach(w -> err.println(w.format()));
            out.println("OK");
            return 0;
        } catch (SpecException e) {
            e.problems().forEach(p -> err.println(p.format()));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
