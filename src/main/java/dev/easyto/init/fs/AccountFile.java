package dev.easyto.init.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An image's {@code /etc/passwd} or {@code /etc/group}: one entry per line, its fields split on
 * {@code :}. Only the splitting and the name lookup live here; what a caller makes of a missing
 * file or an odd entry differs (the run-as user fails the boot, a service's account fails only
 * that service, supplementary groups skip what they cannot read), so that stays with each caller.
 */
public final class AccountFile {
    public static final String PASSWD = "/etc/passwd";
    public static final String GROUP = "/etc/group";

    private final List<String[]> entries;

    private AccountFile(List<String[]> entries) {
        this.entries = entries;
    }

    /**
     * Reads the file a database's path led to in an image ({@link Root#follow}).
     *
     * @throws java.nio.file.NoSuchFileException when the image has no such file
     */
    public static AccountFile read(Path file) throws IOException {
        return new AccountFile(Files.readAllLines(file).stream()
                .map(line -> line.split(":", -1))
                .toList());
    }

    public static AccountFile empty() {
        return new AccountFile(List.of());
    }

    /** The entries with at least {@code minFields} fields. */
    public Stream<String[]> entries(int minFields) {
        return entries.stream().filter(fields -> fields.length >= minFields);
    }

    /** The first entry with at least {@code minFields} fields that {@code matching} accepts. */
    public Optional<String[]> first(int minFields, Predicate<String[]> matching) {
        return entries(minFields).filter(matching).findFirst();
    }

    /** The first entry named {@code name} (field 0) with at least {@code minFields} fields. */
    public Optional<String[]> byName(String name, int minFields) {
        return first(minFields, fields -> fields[0].equals(name));
    }
}
