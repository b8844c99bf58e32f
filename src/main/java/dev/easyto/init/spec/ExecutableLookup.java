package dev.easyto.init.spec;

import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves argv[0] against PATH before {@code execve}, which does not search (upstream Z v0.5.1,
 * after expansion). A name containing a slash is used as it is, as {@code execvp} does: a
 * relative one is then relative to the working directory.
 */
public final class ExecutableLookup {
    private ExecutableLookup() {}

    public static Optional<String> find(String name, String path, Root root) {
        if (name.contains("/")) {
            return Optional.of(name);
        }
        if (path == null || name.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(":", -1)) {
            if (dir.isEmpty()) {
                continue;
            }
            String candidate = dir.endsWith("/") ? dir + name : dir + "/" + name;
            if (isExecutableFile(root.follow(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path host) {
        if (host == null || !Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(host, LinkOption.NOFOLLOW_LINKS);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE)
                    || permissions.contains(PosixFilePermission.GROUP_EXECUTE)
                    || permissions.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
