package dev.easyto.init.fs;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SyscallException;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories opened so far from the root, each descriptor held so that a {@code ..} in a
 * link's target goes back to the very directory walked through, not to what a path names now.
 */
final class Descent {
    private final FileCalls calls;
    private final List<Integer> fds = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    Descent(FileCalls calls, int root) {
        this.calls = calls;
        fds.add(root);
    }

    int fd() {
        return fds.getLast();
    }

    void down(String name, int fd) {
        fds.add(fd);
        names.add(name);
    }

    /** To the parent; at the root, {@code ..} is the root itself. */
    void up() {
        if (!names.isEmpty()) {
            names.removeLast();
            close(fds.removeLast());
        }
    }

    void toRoot() {
        while (!names.isEmpty()) {
            up();
        }
    }

    /** The path of {@code name} in the current directory, as the instance names it. */
    String shown(String name) {
        StringBuilder shown = new StringBuilder();
        for (String walked : names) {
            shown.append('/').append(walked);
        }
        return shown.append('/').append(name).toString();
    }

    /** The current directory's descriptor, for the caller to close; the others are closed. */
    int take() {
        int fd = fds.removeLast();
        closeAll();
        return fd;
    }

    void closeAll() {
        for (int fd : fds) {
            close(fd);
        }
        fds.clear();
    }

    private void close(int fd) {
        try {
            calls.close(fd);
        } catch (SyscallException e) {
            // A descriptor this walk opened; closing it fails only if it is already gone.
        }
    }
}
