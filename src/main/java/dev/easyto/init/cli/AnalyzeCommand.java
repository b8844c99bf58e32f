package dev.easyto.init.cli;

import dev.easyto.init.analyze.Blame;
import dev.easyto.init.analyze.BootChart;
import dev.easyto.init.analyze.CriticalChain;
import dev.easyto.init.analyze.RecordedBoot;
import dev.easyto.init.analyze.TraceException;
import dev.easyto.init.analyze.TraceReader;
import dev.easyto.init.config.Layout;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reads a boot trace for people, as {@code systemd-analyze} reads a systemd boot. Exit 2 when the
 * trace cannot be read (missing, malformed, truncated), with what is wrong on standard error.
 */
@Command(
        name = "analyze",
        description = "Analyze a boot from its trace: blame, critical-chain, plot.",
        subcommands = {
            AnalyzeCommand.BlameCommand.class,
            AnalyzeCommand.CriticalChainCommand.class,
            AnalyzeCommand.PlotCommand.class
        })
public class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        throw new ParameterException(command.commandLine(), "Missing subcommand: blame, critical-chain or plot");
    }

    /** What the three share: the trace they read, and printing what they make of it. */
    abstract static class Report implements Callable<Integer> {
        @Spec
        CommandSpec command;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "TRACE",
                description = "The boot trace (default: ${DEFAULT-VALUE}, this boot's); - reads standard input.")
        String trace = Layout.EASYTO.bootTrace();

        abstract String report(RecordedBoot boot);

        /** Prints the report: 0; or why the trace cannot be read: 2. */
        @Override
        public Integer call() {
            CommandLine commandLine = command.commandLine();
            byte[] bytes = InputFile.read(commandLine, "TRACE", trace);
            PrintWriter out = commandLine.getOut();
            PrintWriter err = commandLine.getErr();
            try {
                out.print(report(TraceReader.read(bytes, InputFile.displayName(trace))));
                return 0;
            } catch (TraceException e) {
                err.println("error: " + e.getMessage());
                return 2;
            } finally {
                out.flush();
                err.flush();
            }
        }
    }

    @Command(name = "blame", description = "List the phases by how long they took, with their start and outcome.")
    public static class BlameCommand extends Report {
        @Override
        String report(RecordedBoot boot) {
            return Blame.render(boot);
        }
    }

    @Command(name = "critical-chain", description = "Print the chain of phases that decided when the command started.")
    public static class CriticalChainCommand extends Report {
        @Override
        String report(RecordedBoot boot) {
            return CriticalChain.render(boot);
        }
    }

    @Command(name = "plot", description = "Print the boot as an SVG timeline chart (analyze plot > boot.svg).")
    public static class PlotCommand extends Report {
        @Override
        String report(RecordedBoot boot) {
            return BootChart.svg(boot);
        }
    }
}
