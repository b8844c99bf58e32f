package dev.easyto.init.fs;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.nio.file.Path;

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
}
