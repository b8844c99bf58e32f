package dev.easyto.init.fs;

import dev.easyto.init.linux.FileCalls;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** The machine's filesystem as beans: its root the ownership of what the init writes, and the
 * writes that follow no link. */
@Singleton
public class FileSystemBeans {

    /** The real {@code /}: the boot works on the machine it runs on. */
    @Produces
    @Singleton
    Root root() {
        return Root.at(Path.of("/"));
    }

    @Produces
    @Singleton
    FileOwner fileOwner(FileCalls fileCalls) {
        return FileOwner.through(fileCalls);
    }

    @Produces
    @Singleton
    SafeFiles safeFiles(FileCalls fileCalls) {
        return new SafeFiles(fileCalls);
    }
}
