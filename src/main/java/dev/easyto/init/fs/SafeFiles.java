package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.AT_EMPTY_PATH;
import static dev.easyto.init.linux.LinuxConstants.AT_SYMLINK_NOFOLLOW;
import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_CREAT;
import static dev.easyto.init.linux.LinuxConstants.O_DIRECTORY;
import static dev.easyto.init.linux.LinuxConstants.O_EXCL;
import static dev.easyto.init.linux.LinuxConstants.O_NOFOLLOW;
import static dev.easyto.init.linux.LinuxConstants.O_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;
import static dev.easyto.init.linux.LinuxConstants.RESOLVE_BENEATH;
import static dev.easyto.init.linux.LinuxConstants.RESOLVE_NO_SYMLINKS;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.FileStatus;
import dev.easyto.init.linux.SyscallException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The files and directories the init writes or chowns as root on every boot in places a workload
 * can write ({@code ~/.ssh}, volume destinations): a link planted there by an earlier boot's
 * workload must not turn the init's chown, chmod or write onto a file of root's. Every path is
 * opened one component at a time from the root's directory with {@code openat2(RESOLVE_NO_SYMLINKS
 * | RESOLVE_BENEATH)}, so the kernel refuses a symbolic link or a {@code ..} at any component
 * (never a check and then a use by path, which a link made in between would defeat); owners and
 * modes are then set on the descriptor, and a file is written to a new temporary name in the
 * opened directory and renamed over the target there, which replaces a link at the target
 * instead of following it. A component that is not a directory, or a link a workload could have
 * planted (see {@link #trustedLink}), is refused with an exception naming it as the instance does;
 * the caller decides whether the boot goes on.
 */
public final class SafeFiles {
    private static final long RESOLVE = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH;
    /** No O_NOFOLLOW: with O_DIRECTORY it makes a link ENOTDIR, where RESOLVE_NO_SYMLINKS says ELOOP. */
    private static final int DIRECTORY = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

    private static final int NEW_FILE = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    private static final int TEMPORARY_NAME_TRIES = 10;
    private static final int S_IWGRP = 020;
    private static final int S_IWOTH = 02;
    private static final int WRITE_BUFFER_BYTES = 64 * 1024;

    /** The kernel's bound on the links one lookup follows (ELOOP past it). */
    private static final int MAX_LINKS = 40;

    /** What {@link #openComponent} returns for a component that is a symbolic link. */
    private static final int LINK = -1;

    private static final String REFUSED_LINK = "is a symbolic link, which the init does not follow";

    private final FileCalls calls;

    public SafeFiles(FileCalls calls) {
        this.calls = calls;
    }

    /**
     * {@code mkdir -p} beneath the root that gives exactly {@code mode} and {@code uid}:{@code gid}
     * (-1 keeps the init's) to the directories it creates, and only those: an existing {@code
     * /var} is not handed to the workload's user.
     *
     * @return the directories created, outermost first
     */
    public List<Path> createDirectories(Root root, Path directory, Set<PosixFilePermission> mode, long uid, long gid)
            throws IOException {
        List<Path> created = new ArrayList<>();
        close(walk(root, directory, new Creation(bits(mode), uid, gid, created)));
        return created;
    }

    /**
     * Sets an existing directory's owner (-1 keeps one) and then mode (null keeps it) through its
     * descriptor: chown first, as it can clear set-id bits the mode asks for.
     */
    public void setDirectory(Root root, Path directory, Set<PosixFilePermission> mode, long uid, long gid)
            throws IOException {
        int fd = walk(root, directory, null);
        try {
            chown(fd, uid, gid);
            if (mode != null) {
                calls.fchmod(fd, bits(mode));
            }
        } catch (SyscallException e) {
            throw failure(root, directory, e);
        } finally {
            close(fd);
        }
    }

    /**
     * Writes {@code target} atomically (see {@link AtomicFile}) in its existing parent directory,
     * with exactly {@code mode}, owned by {@code uid}:{@code gid} (-1 keeps the init's) before the
     * rename, so the file never appears with the wrong owner or mode.
     */
    public <E extends Exception> void write(
            Root root, Path target, AtomicFile.Content<E> content, Set<PosixFilePermission> mode, long uid, long gid)
            throws IOException, E {
        Path absolute = target.toAbsolutePath();
        Path name = absolute.getFileName();
        if (name == null) {
            throw new UnsafePathException(shown(root, absolute), "is not a file name");
        }
        int directory = walk(root, absolute.getParent(), null);
        try {
            writeIn(root, directory, absolute, name.toString(), content, bits(mode), uid, gid);
        } finally {
            close(directory);
        }
    }

    private <E extends Exception> void writeIn(
            Root root,
            int directory,
            Path target,
            String name,
            AtomicFile.Content<E> content,
            int mode,
            long uid,
            long gid)
            throws IOException, E {
        String temporary = null;
        int fd = -1;
        boolean renamed = false;
        try {
            for (int i = 0; fd == -1; i++) {
                temporary = "." + name + "." + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE) + ".tmp";
                try {
                    fd = calls.openat2(directory, temporary, NEW_FILE, mode, RESOLVE);
                } catch (SyscallException e) {
                    // A name planted in the directory is never opened: O_EXCL fails, another is tried.
                    if (!e.is(Errno.EEXIST) || i + 1 >= TEMPORARY_NAME_TRIES) {
                        throw e;
                    }
                }
            }
            try (OutputStream out = new BufferedOutputStream(new DescriptorOutput(fd), WRITE_BUFFER_BYTES)) {
                content.writeTo(out);
            }
            calls.fsync(fd);
            // The umask reduced the mode openat2 created the file with; it must be exactly as asked.
            calls.fchmod(fd, mode);
            chown(fd, uid, gid);
            calls.close(fd);
            fd = -1;
            calls.renameat(directory, temporary, directory, name);
            renamed = true;
            // The rename is a change to the directory: until that is on the disk too, a power cut
            // can bring back the old name.
            calls.fsync(directory);
        } catch (SyscallException e) {
            throw failure(root, target, e);
        } finally {
            if (fd != -1) {
                close(fd);
            }
            if (temporary != null && !renamed) {
                try {
                    calls.unlinkat(directory, temporary, 0);
                } catch (SyscallException e) {
                    // Not created (ENOENT), or nothing more can be done about it.
                }
            }
        }
    }

    /** What {@link #walk} does with a missing component: makes it, then sets its mode and owner. */
    private record Creation(int mode, long uid, long gid, List<Path> created) {}

    /**
     * Opens {@code directory}, which must be under the root, component by component from the
     * root's own directory (the one trusted path), creating missing ones when {@code creation} says
     * so, and returns its descriptor. A {@code ..} in {@code directory} is refused; a link the
     * image shipped is followed (see {@link #trustedLink}), its target walked the same way.
     */
    private int walk(Root root, Path directory, Creation creation) throws IOException {
        Path base = root.base();
        Path absolute = directory.toAbsolutePath();
        if (!absolute.startsWith(base)) {
            throw new UnsafePathException(absolute.toString(), "is not under " + base);
        }
        Deque<String> names = new ArrayDeque<>();
        StringBuilder asked = new StringBuilder();
        for (Path component : base.relativize(absolute)) {
            asked.append('/').append(component);
            if (component.toString().equals("..")) {
                throw new UnsafePathException(asked.toString(), "leaves the root, which the init does not follow");
            }
            names.addLast(component.toString());
        }
        Descent descent;
        try {
            descent = new Descent(calls, calls.open(base.toString(), DIRECTORY, 0));
        } catch (SyscallException e) {
            throw failure(root, base, e);
        }
        try {
            int links = 0;
            while (!names.isEmpty()) {
                String name = names.removeFirst();
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    // Only from a followed link's target: up, but never above the root, as in a chroot.
                    descent.up();
                    continue;
                }
                String shown = descent.shown(name);
                int next = openComponent(descent.fd(), name, base.resolve(shown.substring(1)), shown, creation);
                if (next != LINK) {
                    descent.down(name, next);
                    continue;
                }
                String target = trustedLink(descent.fd(), name, shown);
                if (++links > MAX_LINKS) {
                    throw new UnsafePathException(
                            shown, "is one symbolic link too many: more than " + MAX_LINKS + " on the way (a loop?)");
                }
                List<String> parts = List.of(target.split("/", -1));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    names.addFirst(parts.get(i));
                }
                if (target.startsWith("/")) {
                    // An absolute target is the image's path: from the root, never the host's /.
                    descent.toRoot();
                }
            }
            return descent.take();
        } catch (IOException | RuntimeException e) {
            descent.closeAll();
            throw e;
        }
    }

    /**
     * The target of the link {@code name} in {@code parent} if the image put it there, as systemd's
     * {@code chase()} with {@code CHASE_SAFE} decides: the link is root's, and so is the directory
     * holding it, which no group or other user can write. Only root can then have made or renamed
     * the link there, so it is the image's ({@code /var/run -> /run}, a home reached through a
     * link), which users expect followed as upstream does. Any other link ({@code ~/.ssh -> /etc}
     * in the user's home, one in a world-writable directory, one a user owns) can have been planted
     * by a workload and is refused. Nothing can change either while it is read: that needs root.
     */
    private String trustedLink(int parent, String name, String shown) throws IOException {
        try {
            FileStatus link = calls.fstatat(parent, name, AT_SYMLINK_NOFOLLOW);
            FileStatus holder = calls.fstatat(parent, "", AT_EMPTY_PATH);
            boolean rootsLink = link.isSymbolicLink() && link.uid() == 0;
            boolean rootsDirectory = holder.uid() == 0 && (holder.mode() & (S_IWGRP | S_IWOTH)) == 0;
            if (!rootsLink || !rootsDirectory) {
                throw new UnsafePathException(shown, REFUSED_LINK);
            }
            return calls.readlinkat(parent, name);
        } catch (SyscallException e) {
            throw failure(shown, e);
        }
    }

    private int openComponent(int parent, String name, Path path, String shown, Creation creation) throws IOException {
        try {
            return calls.openat2(parent, name, DIRECTORY, 0, RESOLVE);
        } catch (SyscallException e) {
            if (e.is(Errno.ELOOP)) {
                return LINK;
            }
            if (creation == null || !e.is(Errno.ENOENT)) {
                throw failure(shown, e);
            }
        }
        boolean made = false;
        try {
            // Root's alone until the descriptor is open and set: nobody else can slip in between.
            calls.mkdirat(parent, name, 0700);
            made = true;
        } catch (SyscallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw failure(shown, e);
            }
        }
        int fd;
        try {
            fd = calls.openat2(parent, name, DIRECTORY, 0, RESOLVE);
        } catch (SyscallException e) {
            throw failure(shown, e);
        }
        if (made) {
            try {
                calls.fchmod(fd, creation.mode());
                chown(fd, creation.uid(), creation.gid());
            } catch (SyscallException e) {
                close(fd);
                throw failure(shown, e);
            }
            creation.created().add(path);
        }
        return fd;
    }

    private void chown(int fd, long uid, long gid) {
        if (uid != -1 || gid != -1) {
            calls.fchown(fd, uid, gid);
        }
    }

    private void close(int fd) {
        try {
            calls.close(fd);
        } catch (SyscallException e) {
            // A descriptor this class opened; closing it fails only if it is already gone.
        }
    }

    /** A failed call as the JDK's exception for it, naming the path as the instance does. */
    private static IOException failure(Root root, Path path, SyscallException e) {
        return failure(shown(root, path), e);
    }

    private static IOException failure(String shown, SyscallException e) {
        return switch (e.errno()) {
            case Errno.ELOOP -> new UnsafePathException(shown, REFUSED_LINK);
            case Errno.EXDEV -> new UnsafePathException(shown, "leaves the root, which the init does not follow");
            case Errno.ENOENT -> new NoSuchFileException(shown, null, e.getMessage());
            case Errno.ENOTDIR -> new NotDirectoryException(shown);
            case Errno.EACCES, Errno.EPERM -> new AccessDeniedException(shown, null, e.getMessage());
            default -> new FileSystemException(shown, null, e.getMessage());
        };
    }

    /** The path as the instance names it: from the root. */
    static String shown(Root root, Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(root.base()) ? "/" + root.base().relativize(absolute) : absolute.toString();
    }

    /** The permission bits of {@code mode}, as chmod takes them. */
    static int bits(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            bits |= switch (permission) {
                case OWNER_READ -> 0400;
                case OWNER_WRITE -> 0200;
                case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040;
                case GROUP_WRITE -> 020;
                case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04;
                case OTHERS_WRITE -> 02;
                case OTHERS_EXECUTE -> 01;
            };
        }
        return bits;
    }

    /** Writes to a descriptor this class owns; closing the stream leaves the descriptor open. */
    private final class DescriptorOutput extends OutputStream {
        private final int fd;

        DescriptorOutput(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            byte[] rest = offset == 0 ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
            int left = length;
            while (left > 0) {
                int written;
                try {
                    written = calls.write(fd, rest, left);
                } catch (SyscallException e) {
                    throw new IOException(e.getMessage(), e);
                }
                left -= written;
                if (left > 0) {
                    rest = Arrays.copyOfRange(rest, written, written + left);
                }
            }
        }
    }
}
