package dev.easyto.init.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs one subcommand through picocli the way {@link Main} does, capturing its output. */
public record Cli(int exitCode, String out, String err) {

    public static Cli run(String... args) {
        return runWithStdin(null, args);
    }

    static Cli runWithStdin(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Object command = switch (args[0]) {
            case "validate" -> new ValidateCommand();
            case "plan" -> new PlanCommand();
            case "schema" -> new SchemaCommand();
            case "analyze" -> new AnalyzeCommand();
            default -> throw new IllegalArgumentException(args[0]);
        };
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        InputStream saved = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin));
            }
            int exit = commandLine.execute(Arrays.copyOfRange(args, 1, args.length));
            return new Cli(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
}
