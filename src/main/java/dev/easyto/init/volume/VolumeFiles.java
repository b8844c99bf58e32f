package dev.easyto.init.volume;

import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.fs.FileErrors;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a volume's files: each atomically, with the mode upstream uses for its kind, owned by the
 * mount's ids. Missing parent directories are made like {@code mkdir -p}, and only those are
 * chowned: a destination such as {@code /var/lib/app} must not hand {@code /var} to the workload's
 * user (upstream's current release does; its documented behaviour does not). The destination
 * may be where the workload writes, so nothing is done through a symbolic link ({@link SafeFiles}).
 */
public final class VolumeFiles {
    /** S3 files are configuration: readable by all, like upstream's. */
    static final Set<PosixFilePermission> S3_FILE = PosixFilePermissions.fromString("rw-r--r--");

    /** Also the template volume's directories (upstream's Zig release). */
    static final Set<PosixFilePermission> S3_DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    /** SSM and Secrets Manager values may be secrets: owner only, directories included (upstream R). */
    static final Set<PosixFilePermission> SECRET_FILE = PosixFilePermissions.fromString("rw-------");

    static final Set<PosixFilePermission> SECRET_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Set<PosixFilePermission> fileMode;
    private final Set<PosixFilePermission> directoryMode;
    private final SafeFiles files;
    private final Root root;
    private final long uid;
    private final long gid;

    VolumeFiles(
            Set<PosixFilePermission> fileMode,
            Set<PosixFilePermission> directoryMode,
            SafeFiles files,
            Root root,
            long uid,
            long gid) {
        this.files = files;
        this.root = root;
        this.fileMode = fileMode;
        this.directoryMode = directoryMode;
        this.uid = uid;
        this.gid = gid;
    }

    void write(Path file, byte[] content) throws VolumeException {
        try {
            writeOrThrow(file, content);
        } catch (IOException e) {
            throw new VolumeException("unable to write " + file + ": " + FileErrors.describe(e), e);
        }
    }

    /** {@link #write} with the content streamed in; what {@code content} throws is the caller's. */
    <E extends Exception> void writeStreamed(Path file, AtomicFile.Content<E> content) throws VolumeException, E {
        try {
            mkdirs(file.getParent());
            files.write(root, file, content, fileMode, uid, gid);
        } catch (IOException e) {
            throw new VolumeException("unable to write " + file + ": " + FileErrors.describe(e), e);
        }
    }

    /** {@link #write} for callers that report the JDK's failure in their own words. */
    void writeOrThrow(Path file, byte[] content) throws IOException {
        mkdirs(file.getParent());
        files.write(root, file, out -> out.write(content), fileMode, uid, gid);
    }

    /** {@code mkdir -p} that chowns and sets the mode of the directories it creates, and only those. */
    void mkdirs(Path directory) throws IOException {
        files.createDirectories(root, directory, directoryMode, uid, gid);
    }
}
