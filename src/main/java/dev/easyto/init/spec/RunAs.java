package dev.easyto.init.spec;

import dev.easyto.init.fs.AccountFile;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The image's {@code USER} ({@code "u"} or {@code "u:g"}, each part a number or a name) resolved to
 * ids against the image's {@code /etc/passwd} and {@code /etc/group}. Without a group part the gid
 * is 0, not the user's primary group: that is what upstream does and images rely on.
 */
public record RunAs(long uid, long gid) {
    private static final String FIELD = "config.User";

    public static final RunAs ROOT = new RunAs(0, 0);

    /**
     * Resolves a USER string to ids.
     *
     * @param root the image root, or null when none is available (names then cannot be resolved)
     */
    public static RunAs resolve(String user, Root root, String source) throws SpecException {
        if (user == null) {
            return ROOT;
        }
        String[] parts = user.split(":", -1);
        if (user.isEmpty() || parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new SpecException(SpecProblem.error(
                    source,
                    0,
                    0,
                    FIELD,
                    "\"" + user + "\" is not a user; expected \"user\" or \"user:group\" (names or ids)"));
        }
        long uid = id(parts[0], AccountFile.PASSWD, root, source);
        long gid = parts.length == 2 ? id(parts[1], AccountFile.GROUP, root, source) : 0;
        return new RunAs(uid, gid);
    }

    private static long id(String nameOrId, String database, Root root, String source) throws SpecException {
        if (Ids.isNumeric(nameOrId)) {
            return Ids.parse(nameOrId)
                    .orElseThrow(() -> new SpecException(
                            SpecProblem.error(source, 0, 0, FIELD, "id " + nameOrId + " must be " + Ids.RANGE)));
        }
        if (root == null) {
            throw new SpecException(SpecProblem.error(
                    source,
                    0,
                    0,
                    FIELD,
                    "cannot look up \"" + nameOrId + "\" in " + database + " without the image root (--root)"));
        }
        Path file = root.follow(database);
        AccountFile entries;
        try {
            entries = file == null ? AccountFile.empty() : AccountFile.read(file);
        } catch (NoSuchFileException e) {
            throw new SpecException(SpecProblem.error(
                    source, 0, 0, FIELD, "cannot look up \"" + nameOrId + "\": the image has no " + database));
        } catch (IOException e) {
            throw new SpecException(SpecProblem.error(
                    source, 0, 0, FIELD, "cannot read " + database + " of the image: " + e.getMessage()));
        }
        Optional<String[]> entry = entries.byName(nameOrId, 3);
        if (entry.isPresent()) {
            String id = entry.get()[2];
            return Ids.parse(id)
                    .orElseThrow(() -> new SpecException(SpecProblem.error(
                            source,
                            0,
                            0,
                            FIELD,
                            database + " gives \"" + nameOrId + "\" the id \"" + id + "\", which is not "
                                    + Ids.RANGE)));
        }
        throw new SpecException(
                SpecProblem.error(source, 0, 0, FIELD, "\"" + nameOrId + "\" is not in the image's " + database));
    }
}
