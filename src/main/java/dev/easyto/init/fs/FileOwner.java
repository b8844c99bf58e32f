package dev.easyto.init.fs;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * Who owns what the init writes for the workload. An interface so that what uses it can be tested
 * without root; {@link #through} is the real one, which CDI injects ({@link FileSystemBeans}).
 */
@FunctionalInterface
public interface FileOwner {
    /** chown; a failure is an {@link IOException} whose message names the call and the errno. */
    void chown(Path path, long uid, long gid) throws IOException;

    static FileOwner through(FileCalls fileCalls) {
        return (path, uid, gid) -> {
            try {
                fileCalls.chown(path.toString(), uid, gid);
            } catch (SyscallException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    /**
     * {@code mkdir -p} that gives the directories it creates, and only those, {@code mode} and
     * {@code uid}:{@code gid}: a destination such as {@code /var/lib/app} must not hand an existing
     * {@code /var} to the workload's user.
     *
     * @return the directories created, outermost first
     */
    default List<Path> createDirectories(Path directory, Set<PosixFilePermission> mode, long uid, long gid)
            throws IOException {
        List<Path> created = Directories.createMissing(directory, mode);
        for (Path path : created) {
            chown(path, uid, gid);
        }
        return created;
    }
}
