package dev.easyto.init.volume;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an S3 key or an SSM parameter name lands under a volume's destination (docs/behaviour.md
 * §3.6, §3.7): the name minus the prefix, leading slashes dropped; nothing left means the
 * destination itself is the file. The names come from a bucket or a parameter store, which
 * whoever can write there controls, so a name that would leave the destination ({@code ..}) or
 * that is not a plain relative path is rejected, never normalised into something else.
 */
public final class VolumePaths {
    private VolumePaths() {}

    /**
     * The path relative to the destination ({@code ""} for the destination itself), or empty when
     * the name is not under the prefix at all (S3 may list such keys; upstream skips them).
     *
     * @throws VolumeException when the name would not stay inside the destination
     */
    public static Optional<String> relative(String prefix, String name) throws VolumeException {
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String suffix = name.substring(prefix.length());
        int start = 0;
        while (start < suffix.length() && suffix.charAt(start) == '/') {
            start++;
        }
        suffix = suffix.substring(start);
        if (suffix.isEmpty()) {
            return Optional.of("");
        }
        for (String component : suffix.split("/", -1)) {
            if (component.isEmpty()
                    || component.equals(".")
                    || component.equals("..")
                    || component.indexOf('\0') >= 0) {
                throw new VolumeException("'" + name.replace("\0", "\\0")
                        + "' does not map to a file under the destination (empty, '.' or '..' path component)");
            }
        }
        return Optional.of(suffix);
    }

    /**
     * An S3 key's place under the destination; empty for keys to skip: folder markers (ending in
     * {@code /}) and keys outside the prefix. A key starting with {@code /} reads as an absolute
     * path; it is refused rather than quietly made relative.
     */
    public static Optional<String> s3(String keyPrefix, String key) throws VolumeException {
        if (key.endsWith("/")) {
            return Optional.empty();
        }
        if (key.startsWith("/")) {
            throw new VolumeException("S3 key '" + key + "' starts with '/'; refusing to treat it as a path");
        }
        return relative(keyPrefix, key);
    }

    /** The host path for a relative path from {@link #relative}, checked once more to be inside. */
    public static Path under(Path destination, String relative) throws VolumeException {
        if (relative.isEmpty()) {
            return destination;
        }
        Path base = destination.normalize();
        Path target = base.resolve(relative).normalize();
        if (!target.startsWith(base) || target.equals(base)) {
            throw new VolumeException("'" + relative + "' is not under " + destination);
        }
        return target;
    }
}
