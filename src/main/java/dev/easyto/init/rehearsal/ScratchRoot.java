package dev.easyto.init.rehearsal;

import dev.easyto.init.config.Layout;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The scratch root each rehearsal starts from: emptied, then the image laid into it as easyto lays
 * it into an AMI (the image's files from {@code overlay/}, its config as {@code metadata.json}).
 * A marker file keeps the emptying to directories a rehearsal made: a misconfigured root such as
 * a home directory is refused, never deleted.
 */
final class ScratchRoot {
    static final String MARKER = ".easyto-rehearsal-root";

    private ScratchRoot() {}

    static void prepare(Path root, Path image, Layout layout) throws IOException {
        if (Files.exists(root)) {
            if (!Files.exists(root.resolve(MARKER))) {
                throw new IOException(root + " exists and is not a rehearsal's scratch root (no " + MARKER
                        + "); choose another easyto.rehearsal.root or remove it");
            }
            empty(root);
        }
        Files.createDirectories(root);
        Files.createFile(root.resolve(MARKER));
        Path overlay = image.resolve("overlay");
        if (Files.isDirectory(overlay)) {
            copyTree(overlay, root);
        }
        Path metadata = image.resolve("metadata.json");
        if (!Files.isRegularFile(metadata)) {
            throw new IOException("the image " + image + " has no metadata.json (the image config easyto saves)");
        }
        Path target = root.resolve(layout.metadata().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(metadata, target);
    }

    private static void empty(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(child);
                } else {
                    Files.delete(child);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Files keep their modes (an executable stays one) but get new times: the boot's are newer. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
