package dev.easyto.init.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether the rehearsal's inputs (the user data file, the scenario's IMDS data, the image) changed
 * since last asked: the name, size and modification time of every file under the watched paths.
 * Polled rather than watched with inotify because an editor's save (a new file renamed over the
 * old one) and a symlink swap are then seen the same way, and a few small trees cost nothing.
 */
final class InputWatch {
    private final List<Path> watched;
    private List<String> last;

    InputWatch(List<Path> watched) {
        this.watched = List.copyOf(watched);
        this.last = fingerprint();
    }

    /** True once per change: the next call compares with what this one saw. */
    synchronized boolean changed() {
        List<String> now = fingerprint();
        if (now.equals(last)) {
            return false;
        }
        last = now;
        return true;
    }

    List<Path> watched() {
        return watched;
    }

    private List<String> fingerprint() {
        List<String> entries = new ArrayList<>();
        for (Path path : watched) {
            if (!Files.exists(path)) {
                entries.add(path + " missing");
                continue;
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.sorted().toList()) {
                    if (Files.isRegularFile(file)) {
                        entries.add(file + " " + Files.size(file) + " "
                                + Files.getLastModifiedTime(file).toMillis());
                    }
                }
            } catch (IOException e) {
                // Caught mid-save: report it as a state of its own, the next poll settles it.
                entries.add(path + " unreadable: " + e.getMessage());
            }
        }
        return entries;
    }
}
