package dev.easyto.init.spec;

import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
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
        String user = userName(uid, root);
        if (user != null) {
            for (String line : lines(root.follow("/etc/group"))) {
                String[] fields = line.split(":", -1);
                if (fields.length >= 4 && List.of(fields[3].split(",")).contains(user)) {
                    try {
                        groups.add(Long.parseLong(fields[2]));
                    } catch (NumberFormatException e) {
                        // A malformed line names no group we could join.
                    }
                }
            }
        }
        return List.copyOf(groups);
    }

    private static String userName(long uid, Root root) {
        for (String line : lines(root.follow("/etc/passwd"))) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[2].equals(Long.toString(uid))) {
                return fields[0];
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return file == null ? List.of() : Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
