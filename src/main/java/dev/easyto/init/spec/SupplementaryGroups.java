package dev.easyto.init.spec;

import dev.easyto.init.fs.AccountFile;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The supplementary groups of the command's user, as {@code initgroups} would give them: the
 * primary gid plus every group of the image's {@code /etc/group} that lists the user's name.
 * Root running as gid 0 gets none, so no group PID 1 holds is passed on by accident.
 */
public final class SupplementaryGroups {
    private SupplementaryGroups() {}

    public static List<Long> of(long uid, long gid, Root root) {
        if (uid == 0 && gid == 0) {
            return List.of();
        }
        Set<Long> groups = new LinkedHashSet<>();
        groups.add(gid);
        String uidField = Long.toString(uid);
        Optional<String> user = read(root, AccountFile.PASSWD)
                .first(3, fields -> fields[2].equals(uidField))
                .map(fields -> fields[0]);
        if (user.isPresent()) {
            read(root, AccountFile.GROUP)
                    .entries(4)
                    .filter(fields -> List.of(fields[3].split(",")).contains(user.get()))
                    // A malformed line, or a gid out of range, names no group we could join.
                    .forEach(fields -> Ids.parse(fields[2]).ifPresent(groups::add));
        }
        return List.copyOf(groups);
    }

    /** What cannot be read names no group: the command still starts with its primary one. */
    private static AccountFile read(Root root, String database) {
        Path file = root.follow(database);
        try {
            return file == null ? AccountFile.empty() : AccountFile.read(file);
        } catch (IOException e) {
            return AccountFile.empty();
        }
    }
}
