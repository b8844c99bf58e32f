package dev.easyto.init.disk;

import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Device links under {@code /dev}: made when missing, left alone when they already point where they
 * should, and replaced atomically (a new link renamed over the old one) when they point elsewhere,
 * as after a device is detached and another attached under the same name. Anything at the path
 * that is not a symbolic link (a real device node, say) is never replaced.
 */
final class SymbolicLinks {
    private final Root root;

    SymbolicLinks(Root root) {
        this.root = root;
    }

    void make(DeviceLinks.Link link) throws IOException {
        Path path = root.resolve(link.path());
        Path target = Path.of(link.target());
        Files.createDirectories(path.getParent());
        for (int attempt = 0; ; attempt++) {
            if (Files.isSymbolicLink(path)) {
                if (!Files.readSymbolicLink(path).equals(target)) {
                    replace(path, target);
                }
                return;
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(link.path(), null, "exists and is not a symbolic link");
            }
            try {
                Files.createSymbolicLink(path, target);
                return;
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile (by the listener or the scan): look at it again, once.
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private static void replace(Path path, Path target) throws IOException {
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Path temporary = path.resolveSibling("." + path.getFileName() + ".easyto-" + random);
        Files.createSymbolicLink(temporary, target);
        try {
            // rename(2): the name points at the old device or the new one, never at nothing.
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }
}
