package dev.easyto.init.linux;

/**
 * Files, directories and descriptors. {@code close}, {@code dup2} and {@code ioctl} take any
 * descriptor, so sockets and signalfds are closed here too; the calls that change the process's
 * file context ({@code chdir}, {@code umask}) are here because they decide how later paths and
 * modes are read. A failed call throws {@link SyscallException}.
 */
public interface FileCalls {

    void chdir(String path);

    /** Sets the file mode creation mask; returns the previous one (umask cannot fail). */
    int umask(int mask);

    /** -1 for {@code uid} or {@code gid} leaves that one unchanged. */
    void chown(String path, long uid, long gid);

    /** Like {@link #chown} but changes a symbolic link itself rather than what it points to. */
    void lchown(String path, long uid, long gid);

    void fchown(int fd, long uid, long gid);

    void chmod(String path, int mode);

    void fchmod(int fd, int mode);

    /** Creates {@code linkPath} pointing at {@code target}, which need not exist. */
    void symlink(String target, String linkPath);

    /** {@code mode} is reduced by the umask. */
    void mkdir(String path, int mode);

    /**
     * Opens a file and returns its descriptor.
     *
     * @param mode used only when {@code flags} creates a file; reduced by the umask
     */
    int open(String path, int flags, int mode);

    void close(int fd);

    /** Reads up to {@code count} bytes into the start of {@code buffer}; 0 at end of file. */
    int read(int fd, byte[] buffer, int count);

    /** Writes up to {@code count} bytes from the start of {@code buffer}; returns how many it wrote. */
    int write(int fd, byte[] buffer, int count);

    /** Makes {@code newFd} refer to what {@code oldFd} does, closing {@code newFd} first if open. */
    void dup2(int oldFd, int newFd);

    /**
     * Sends a device-specific request to a descriptor.
     *
     * @param arg the request's argument, which must be as large as the request reads or writes and
     *     holds what it wrote afterwards, or null for requests without one
     */
    int ioctl(int fd, long request, byte[] arg);

    /**
     * openat2(2), through {@code syscall} as glibc has no wrapper: {@code path} relative to the
     * directory {@code dirFd}, resolved only as {@code resolve} ({@code RESOLVE_*}) allows, so a
     * symbolic link or a {@code ..} that leaves the directory fails the call instead of being
     * followed ({@code ELOOP}, {@code EXDEV}).
     */
    int openat2(int dirFd, String path, int flags, int mode, long resolve);

    /** mkdir relative to the directory {@code dirFd}; {@code mode} is reduced by the umask. */
    void mkdirat(int dirFd, String path, int mode);

    /** Renames within or between open directories; a link at {@code newPath} is replaced, not followed. */
    void renameat(int oldDirFd, String oldPath, int newDirFd, String newPath);

    /** Removes a name from the directory {@code dirFd}; {@code AT_REMOVEDIR} in {@code flags} for a directory. */
    void unlinkat(int dirFd, String path, int flags);

    /** Flushes a file's (or a directory's) data and metadata to the disk. */
    void fsync(int fd);

    /**
     * fstatat(2): the status of {@code path} relative to the directory {@code dirFd}; with {@code
     * AT_SYMLINK_NOFOLLOW} of a symbolic link itself, with {@code AT_EMPTY_PATH} and {@code ""} of
     * {@code dirFd} itself.
     */
    FileStatus fstatat(int dirFd, String path, int flags);

    /** readlinkat(2): the target of the symbolic link {@code path} in the directory {@code dirFd}. */
    String readlinkat(int dirFd, String path);
}
