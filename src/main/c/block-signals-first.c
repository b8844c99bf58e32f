/*
 * Linked into the native executable by `make native` (a glibc build), beside mount-proc-first.c.
 * PID 1 must have the shutdown signals (SIGINT, SIGTERM, and 38, EC2's stop) blocked in every
 * thread before any thread exists, or the kernel may hand one to a thread that does not block it
 * and, PID 1 having no handler, drop it. A constructor runs before the native runtime starts its
 * first thread, so blocking them here means every thread inherits the mask, and the init's signal
 * take-over (dev.easyto.init.pid1.SignalTakeover) sees them blocked and need not re-execute
 * itself: one process start fewer before the command. The JVM, and any build without this file,
 * still re-executes. The set must match SignalWatcher.SHUTDOWN_SIGNALS.
 */
#include <signal.h>
#include <unistd.h>

__attribute__((constructor)) static void easyto_block_shutdown_signals_first(void)
{
    sigset_t shutdown;

    if (getpid() != 1) {
        return;
    }
    sigemptyset(&shutdown);
    sigaddset(&shutdown, SIGINT);
    sigaddset(&shutdown, SIGTERM);
    sigaddset(&shutdown, 38);
    sigprocmask(SIG_BLOCK, &shutdown, 0);
}
