package dev.easyto.init.process;

/**
 * The init's own threads (reaper, spawner, signal watcher, spot monitor, service restarts), in one
 * thread group so that PID 1 can tell their death, which leaves it deaf or unable to reap, from
 * that of a library's thread.
 */
public final class InitThreads {
    private static final ThreadGroup GROUP = new ThreadGroup("easyto-init");

    private InitThreads() {}

    /** A daemon thread of the init, not started: PID 1 never waits for these to end. */
    public static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(GROUP, body, name);
        thread.setDaemon(true);
        return thread;
    }

    public static boolean isInitThread(Thread thread) {
        return thread.getThreadGroup() == GROUP;
    }
}
