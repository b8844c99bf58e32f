package dev.easyto.init.supervise.service;

import dev.easyto.init.linux.Linux;
import dev.easyto.init.linux.SyscallException;
import java.io.IOException;
import java.nio.file.Path;

/** chown, behind an interface so the init steps can be tested without root. */
@FunctionalInterface
interface FileOwner {
    void chown(Path path, long uid, long gid) throws IOException;

    static FileOwner system() {
        return (path, uid, gid) -> {
            try {
                Linux.get().chown(path.toString(), uid, gid);
            } catch (SyscallException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }
}
