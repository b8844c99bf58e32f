package dev.easyto.init.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * The filesystem the init works on, seen as an absolute-path namespace. At boot this is the real
 * {@code /}; for {@code plan}, {@code validate} and the tests it is a directory holding an image's
 * root, so every absolute path the spec talks about ({@code /etc/passwd}, PATH entries, volume
 * destinations) is resolved under it instead of under the host's root.
 */
public final class Root {
    private static final int MAX_SYMLINK_HOPS = 40;

    private final Path base;

    private Root(Path base) {
        this.base = base.toAbsolutePath().normalize();
    }

    public static Root at(Path directory) {
        return new Root(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * Maps an in-image path to the host path without following symlinks. Relative paths are taken
     * as relative to the image root, the way upstream treats relative PATH entries.
     */
    public Path resolve(String imagePath) {
        String relative = imagePath;
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        return relative.isEmpty() ? base : base.resolve(relative);
    }

    /**
     * Maps an in-image path to the host path of what it finally names, following symlinks the
     * way the kernel would inside the image: an absolute link target such as Alpine's
     * {@code /bin/sh -> /bin/busybox} is taken from the image root, never from the host's.
     * Returns null if a symlink loops or a component cannot be read as a link.
     */
    public Path follow(String imagePath) {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, imagePath);
        Deque<String> resolved = new ArrayDeque<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String component = pending.pop();
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                resolved.pollLast();
                continue;
            }
            resolved.addLast(component);
            Path host = hostPath(resolved);
            if (Files.isSymbolicLink(host)) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    return null;
                }
                String target;
                try {
                    target = Files.readSymbolicLink(host).toString();
                } catch (IOException e) {
                    return null;
                }
                resolved.removeLast();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                push(pending, target);
            }
        }
        return hostPath(resolved);
    }

    /** True if the in-image path exists, following symlinks inside the image. */
    public boolean exists(String imagePath) {
        Path host = follow(imagePath);
        return host != null && Files.exists(host, LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/", -1);
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private Path hostPath(Deque<String> components) {
        Path path = base;
        for (String component : components) {
            path = path.resolve(component);
        }
        return path;
    }

    public Path base() {
        return base;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
