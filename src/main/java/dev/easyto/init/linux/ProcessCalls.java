package dev.easyto.init.linux;

import java.util.List;

/**
 * Starting, replacing and reaping processes, and what the calling process or thread is: its ids,
 * credentials, session and namespaces. Spawning and credentials are one family because a child is
 * started as another user by switching the spawning thread's credentials around the spawn. {@code
 * setns} is here rather than with the sockets: like the thread credential calls it changes only
 * the calling thread, and it joins any kind of namespace, not only network ones. A failed call
 * throws {@link SyscallException}.
 */
public interface ProcessCalls {

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
     * Waits for a child to change state. Retries when a signal handler interrupts the wait.
     *
     * @param idType {@code P_ALL} (then {@code id} is ignored), {@code P_PID} or {@code P_PGID}
     * @param options {@code WEXITED}, optionally with {@code WNOHANG} or {@code WNOWAIT}
     * @return how the child ended, or null with {@code WNOHANG} when no child has changed state yet
     * @throws SyscallException with {@code ECHILD} when there is no such child to wait for
     */
    ChildExit waitid(int idType, int id, int options);

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
