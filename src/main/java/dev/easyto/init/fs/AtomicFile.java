package dev.easyto.init.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see the old content or the new one, never a torn mix, and a
 * power cut leaves one of the two: a temporary file in the same directory, created with the final
 * mode (a secret is never world-readable, not even briefly), synced, then renamed over the target,
 * and the directory synced too: the rename is a change to the directory, and until that reaches
 * the disk a power cut can bring back the old name, or no file at all where there was none.
 */
public final class AtomicFile {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /** {@code .<name>.<random digits>.tmp}, as {@link Files#createTempFile} names it from our prefix. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.[0-9]+" + Pattern.quote(TEMPORARY_SUFFIX));

    private AtomicFile() {}

    /**
     * The file a temporary file of {@link #write} becomes, or empty for any other name: the
     * temporary file is chowned before the rename, so whoever watches the chown sees this name.
     */
    public static Optional<Path> targetOf(Path temporary) {
        Path name = temporary.getFileName();
        Matcher matcher = TEMPORARY.matcher(name == null ? "" : name.toString());
        return matcher.matches() ? Optional.of(temporary.resolveSibling(matcher.group(1))) : Optional.empty();
    }

    public static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        write(target, content, mode, null, -1, -1);
    }

    /**
     * Like {@link #write(Path, byte[], Set)}, owned by {@code uid}:{@code gid} (-1 keeps the
     * writer's): the temporary file is chowned before the rename, so the target never appears with
     * the wrong owner, not even for a moment.
     */
    public static void write(
            Path target, byte[] content, Set<PosixFilePermission> mode, FileOwner owner, long uid, long gid)
            throws IOException {
        write(target, out -> out.write(content), mode, owner, uid, gid);
    }

    /** What goes into the file, written to a stream; it may fail with a checked exception of its own. */
    @FunctionalInterface
    public interface Content<E extends Exception> {
        void writeTo(OutputStream out) throws IOException, E;
    }

    /**
     * Like {@link #write(Path, byte[], Set, FileOwner, long, long)}, with the content streamed in
     * (an S3 object need never be whole in memory); whatever {@code content} throws leaves the
     * target as it was.
     */
    public static <E extends Exception> void write(
            Path target, Content<E> content, Set<PosixFilePermission> mode, FileOwner owner, long uid, long gid)
            throws IOException, E {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(
                dir, "." + target.getFileName() + ".", TEMPORARY_SUFFIX, PosixFilePermissions.asFileAttribute(mode));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // Not closed here: closing the stream would close the channel before the force.
                content.writeTo(Channels.newOutputStream(channel));
                channel.force(true);
            }
            // createTempFile applies the umask; set the mode explicitly so it is exactly as asked.
            Files.setPosixFilePermissions(temp, mode);
            if (uid != -1 || gid != -1) {
                owner.chown(temp, uid, gid);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** fsync on the directory itself; Linux opens a directory read-only for this. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    public static void write(Path target, byte[] content, String mode) throws IOException {
        write(target, content, PosixFilePermissions.fromString(mode));
    }
}
