package dev.easyto.init.linux;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Every system call the init makes, one typed method each. A call that fails throws {@link
 * SyscallException} naming the call, its arguments and the errno the C library reported.
 *
 * <p>A CDI bean ({@link SystemCalls}); code outside CDI (the tests, static helpers) is handed one.
 * Buffers, socket addresses and ioctl arguments are native segments that stay the caller's.
 */
public interface Linux {

    /** Null {@code source}, {@code fstype} or {@code data} passes NULL, as remounts and bind mounts do. */
    void mount(String source, String target, String fstype, long flags, String data);

    void umount2(String target, int flags);

    void sethostname(String name);

    /** Returns only when the command does not stop the machine, or throws. */
    void reboot(int cmd);

    void sync();

    /** {@code signal} 0 checks that the process exists without sending anything. */
    void kill(int pid, int signal);

    /** Sends a signal to one thread; used to signal a thread without involving the others. */
    void tgkill(int tgid, int tid, int signal);

    /**
     * Waits for a child to change state. Retries when a signal handler interrupts the wait.
     *
     * @param idType {@code P_ALL} (then {@code id} is ignored), {@code P_PID} or {@code P_PGID}
     * @param options {@code WEXITED}, optionally with {@code WNOHANG} or {@code WNOWAIT}
     * @return how the child ended, or null with {@code WNOHANG} when no child has changed state yet
     * @throws SyscallException with {@code ECHILD} when there is no such child to wait for
     */
    ChildExit waitid(int idType, int id, int options);

    /**
     * Changes the calling thread's signal mask; other threads keep theirs.
     *
     * @param how {@code SIG_BLOCK}, {@code SIG_UNBLOCK} or {@code SIG_SETMASK}
     * @param set the signals, or null to only read the mask
     * @return the mask before the change
     */
    SignalSet sigprocmask(int how, SignalSet set);

    /**
     * A new signalfd for {@code set}. The signals must be blocked, and in every thread: a thread that
     * does not block one can take it to its handler or default action before the fd sees it.
     */
    int signalfd(SignalSet set, int flags);

    /**
     * Creates or changes a signalfd that reads the given (blocked) signals.
     *
     * @param fd -1 for a new signalfd, or an existing one to change the signals it accepts
     * @param flags {@code SFD_CLOEXEC}, {@code SFD_NONBLOCK}
     */
    int signalfd(int fd, SignalSet set, int flags);

    /**
     * Reads one signal from a signalfd, waiting for one unless the fd is non-blocking (then {@code
     * EAGAIN} when none is pending). Retries when a signal handler interrupts the read.
     */
    SignalInfo readSignal(int signalFd);

    /**
     * Starts {@code path} with {@code argv} and {@code env} (neither searched nor inherited) in a
     * child set up as {@code options} says.
     *
     * @return the child's pid
     * @throws SyscallException for {@code posix_spawn}'s error, which includes the child's failure to
     *     change directory or to execute {@code path}
     */
    int posixSpawn(String path, List<String> argv, List<String> env, SpawnOptions options);

    /**
     * Marks every descriptor from {@code first} up close-on-exec ({@code close_range} with
     * CLOSE_RANGE_CLOEXEC), so that an {@code execve} hands the new program only what it should
     * inherit.
     */
    void closeRangeOnExec(int first);

    /** Replaces the process with {@code path}; only returns by throwing. */
    void execve(String path, List<String> argv, List<String> env);

    /** Starts a new session led by the caller; returns its id, the caller's pid. */
    int setsid();

    /** Sets the supplementary groups of every thread of the process (glibc signals the others). */
    void setgroups(long[] gids);

    /** Sets the group ids of every thread of the process. */
    void setgid(long gid);

    /** Sets the user ids of every thread of the process. */
    void setuid(long uid);

    /**
     * Sets the supplementary groups of the calling thread only. The kernel keeps credentials per
     * thread; glibc's wrapper makes every thread follow, which a thread about to spawn a child as
     * another user must avoid.
     */
    void threadSetgroups(long[] gids);

    /** Sets the calling thread's real, effective and saved group ids; -1 leaves one unchanged. */
    void threadSetresgid(long rgid, long egid, long sgid);

    /** Sets the calling thread's real, effective and saved user ids; -1 leaves one unchanged. */
    void threadSetresuid(long ruid, long euid, long suid);

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
    int read(int fd, MemorySegment buffer, long count);

    /** Writes up to {@code count} bytes from the start of {@code buffer}; returns how many it wrote. */
    int write(int fd, MemorySegment buffer, long count);

    /** Makes {@code newFd} refer to what {@code oldFd} does, closing {@code newFd} first if open. */
    void dup2(int oldFd, int newFd);

    /**
     * Sends a device-specific request to a descriptor.
     *
     * @param arg the request's argument, which must be as large as the request reads or writes, or
     *     {@link MemorySegment#NULL} for requests without one
     */
    int ioctl(int fd, long request, MemorySegment arg);

    int socket(int domain, int type, int protocol);

    /** Binds a socket to an address: a whole {@code struct sockaddr_*}, whose size is the length. */
    void bind(int fd, MemorySegment address);

    /** Sets a socket option; the size of {@code value} is passed as the option length. */
    void setsockopt(int fd, int level, int option, MemorySegment value);

    /**
     * Sends the whole of {@code buffer}.
     *
     * @param address the destination, or {@link MemorySegment#NULL} on a connected socket
     * @return how many bytes were sent
     */
    long sendto(int fd, MemorySegment buffer, int flags, MemorySegment address);

    /** Receives into {@code buffer}, at most its size; returns how many bytes arrived. */
    long recv(int fd, MemorySegment buffer, int flags);

    /**
     * Waits until {@code fd} has one of {@code events}, or {@code timeoutMillis} pass (-1: no limit).
     * Retries when a signal handler interrupts the wait, with the whole timeout again: callers that
     * keep a deadline pass what is left of it.
     *
     * @return the events that occurred, 0 when the time ran out
     * @throws SyscallException {@code EBADF} for a descriptor that is not open, which poll itself
     *     reports as {@code POLLNVAL} rather than through errno
     */
    int poll(int fd, int events, int timeoutMillis);

    /**
     * Moves the calling thread into the namespace {@code fd} refers to (a {@code /proc/PID/ns/*} or
     * {@code /run/netns/*} file). For a network or UTS namespace only the calling thread moves.
     *
     * @param nstype {@code CLONE_NEWNET} and the like, or 0 for whatever type {@code fd} is
     */
    void setns(int fd, int nstype);

    int getpid();

    /** The calling thread's id, as {@code /proc/thread-self} names it. */
    int gettid();
}
