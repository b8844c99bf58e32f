/*
 * Linked into the native executable by `make native` (a glibc build). The native image's runtime
 * asks glibc for the main thread's stack (pthread_getattr_np) before any Java code runs, and glibc
 * reads it from /proc/self/maps: as PID 1 nothing is mounted yet, and the runtime stops with
 * "Failed to create the main Isolate. (code 32)" (unknown stack boundaries). So before main, PID 1
 * mounts /proc itself, with the flags the init's signal take-over would use next. musl finds the
 * stack without /proc, so a static musl build does not need this.
 */
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((constructor)) static void easyto_mount_proc_first(void)
{
    if (getpid() != 1 || access("/proc/self/maps", F_OK) == 0) {
        return;
    }
    mkdir("/proc", 0555);
    mount("proc", "/proc", "proc", MS_NODEV | MS_NOEXEC | MS_NOSUID | MS_RELATIME, 0);
}
