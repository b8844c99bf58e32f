package dev.easyto.init.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Reads a file named on the command line, {@code -} meaning standard input. */
final class InputFile {
    private InputFile() {}

    static byte[] read(CommandLine commandLine, String option, String name) {
        try {
            if (name.equals("-")) {
                return System.in.readAllBytes();
            }
            return Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw new ParameterException(commandLine, option + ": no such file: " + name);
        } catch (IOException e) {
            throw new ParameterException(commandLine, option + ": cannot read " + name + ": " + e.getMessage());
        }
    }

    static String displayName(String name) {
        return name.equals("-") ? "<stdin>" : name;
    }
}
