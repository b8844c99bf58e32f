package dev.easyto.init.fs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Directory creation with the ownership rule the documented upstream behaviour has, by path: it
 * follows symbolic links, so where a workload may have written, {@link SafeFiles#createDirectories}
 * is the one to use.
 */
public final class Directories {
    private Directories() {}

    /**
     * {@code mkdir -p} that gives exactly {@code mode} to the directories it creates and returns
     * them, parents first, so the caller can hand those (and only those) to a user: a directory
     * that already existed, such as {@code /.easyto}, keeps its owner.
     */
    public static List<Path> createMissing(Path directory, Set<PosixFilePermission> mode) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path path = directory; path != null && !Files.exists(path); path = path.getParent()) {
            missing.push(path);
        }
        List<Path> created = new ArrayList<>();
        while (!missing.isEmpty()) {
            Path path = missing.pop();
            try {
                Files.createDirectory(path);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            // createDirectory applies the umask; the mode must be exactly the one asked for.
            Files.setPosixFilePermissions(path, mode);
            created.add(path);
        }
        if (!Files.isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        return created;
    }
}
