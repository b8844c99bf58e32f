package dev.easyto.init.supervise.service;

import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Name lookups in the image's {@code /etc/passwd} and {@code /etc/group}, the way upstream's
 * current release does them for its services: scan for the name and ignore every other line, so
 * one odd entry elsewhere in the file cannot break a service.
 */
final class Accounts {
    record User(String name, long uid, long gid, String home) {}

    private Accounts() {}

    static Optional<User> user(Root root, String name) throws IOException {
        for (String line : lines(root, "/etc/passwd")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 7 && fields[0].equals(name)) {
                return Optional.of(new User(name, id(fields[2], line), id(fields[3], line), fields[5]));
            }
        }
        return Optional.empty();
    }

    static Optional<Long> groupId(Root root, String name) throws IOException {
        for (String line : lines(root, "/etc/group")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                return Optional.of(id(fields[2], line));
            }
        }
        return Optional.empty();
    }

    private static List<String> lines(Root root, String database) throws IOException {
        Path file = root.follow(database);
        if (file == null) {
            throw new IOException("unable to resolve " + database);
        }
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static long id(String field, String line) throws IOException {
        try {
            long id = Long.parseLong(field);
            if (id >= 0 && id <= 0xFFFF_FFFFL) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the entry's name
        }
        throw new IOException("invalid id \"" + field + "\" for " + line.substring(0, line.indexOf(':')));
    }
}
