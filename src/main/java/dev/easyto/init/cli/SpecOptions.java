package dev.easyto.init.cli;

import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.LaunchPlan;
import dev.easyto.init.spec.SpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The inputs {@code validate} and {@code plan} share. */
final class SpecOptions {
    @Option(
            names = "--user-data",
            required = true,
            paramLabel = "FILE",
            description = "User data as given to EC2 (YAML, optionally gzipped); - reads standard input.")
    String userData;

    @Option(names = "--metadata", paramLabel = "FILE", description = "The image's /.easyto/metadata.json.")
    String metadata;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "The image's root filesystem, for USER names and PATH lookup.")
    Path root;

    byte[] userDataBytes(CommandLine commandLine) {
        return InputFile.read(commandLine, "--user-data", userData);
    }

    String userDataSource() {
        return InputFile.displayName(userData);
    }

    /** User data merged with the image config; env-from sources are never fetched here. */
    LaunchPlan plan(CommandLine commandLine) throws SpecException {
        LaunchPlan.Inputs inputs = new LaunchPlan.Inputs(
                userDataBytes(commandLine),
                userDataSource(),
                new String(InputFile.read(commandLine, "--metadata", metadata), StandardCharsets.UTF_8),
                InputFile.displayName(metadata));
        return LaunchPlan.of(inputs, root(commandLine), List.of());
    }

    Root root(CommandLine commandLine) {
        if (root == null) {
            return null;
        }
        if (!Files.isDirectory(root)) {
            throw new ParameterException(commandLine, "--root: not a directory: " + root);
        }
        return Root.at(root);
    }
}
