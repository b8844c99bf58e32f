package dev.easyto.init.linux;

/**
 * Signal masks, signalfd and sending signals. {@code kill} is here rather than with the processes:
 * the init uses it to signal processes it did not start (the shutdown sweep), and a signal of 0
 * only asks whether one exists. A failed call throws {@link SyscallException}.
 */
public interface SignalCalls {

    /** {@code signal} 0 checks that the process exists without sending anything. */
    void kill(int pid, int signal);

    /** Sends a signal to one thread; used to signal a thread without involving the others. */
    void tgkill(int tgid, int tid, int signal);

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
}
