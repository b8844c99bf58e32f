package dev.easyto.init.fs;

import java.nio.file.FileSystemException;

/**
 * A path the init refused to go through as root: a symbolic link, or a {@code ..} that leaves the
 * root, where a directory was expected. Such a link can have been planted by a workload of an
 * earlier boot to turn the init's chown or write onto a file of root's ({@code /etc/shadow}).
 */
public final class UnsafePathException extends FileSystemException {
    private static final long serialVersionUID = 1L;

    /** @param path the path as the instance names it */
    public UnsafePathException(String path, String reason) {
        super(path, null, reason);
    }

    @Override
    public String getMessage() {
        return getFile() + " " + getReason();
    }
}
