package dev.easyto.init.supervise.service;

import dev.easyto.init.fs.AccountFile;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
        Optional<String[]> entry = read(root, AccountFile.PASSWD).byName(name, 7);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        String[] fields = entry.get();
        return Optional.of(new User(name, id(fields[2], name), id(fields[3], name), fields[5]));
    }

    static Optional<Long> groupId(Root root, String name) throws IOException {
        Optional<String[]> entry = read(root, AccountFile.GROUP).byName(name, 3);
        return entry.isEmpty() ? Optional.empty() : Optional.of(id(entry.get()[2], name));
    }

    /** A missing file has no entries; one that cannot be resolved in the image is an error. */
    private static AccountFile read(Root root, String database) throws IOException {
        Path file = root.follow(database);
        if (file == null) {
            throw new IOException("unable to resolve " + database);
        }
        try {
            return AccountFile.read(file);
        } catch (NoSuchFileException e) {
            return AccountFile.empty();
        }
    }

    private static long id(String field, String name) throws IOException {
        try {
            long id = Long.parseLong(field);
            if (id >= 0 && id <= 0xFFFF_FFFFL) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the entry's name
        }
        throw new IOException("invalid id \"" + field + "\" for " + name);
    }
}
