package dev.easyto.init.linux;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The numbers the init passes to the kernel, with their x86_64 values (some, such as the {@code O_}
 * flags and system call numbers, differ on other architectures).
 */
public final class LinuxConstants {
    // mount(2) flags.
    public static final long MS_RDONLY = 1;
    public static final long MS_NOSUID = 2;
    public static final long MS_NODEV = 4;
    public static final long MS_NOEXEC = 8;
    public static final long MS_SYNCHRONOUS = 16;
    public static final long MS_REMOUNT = 32;
    public static final long MS_MANDLOCK = 64;
    public static final long MS_DIRSYNC = 128;
    public static final long MS_NOSYMFOLLOW = 256;
    public static final long MS_NOATIME = 1024;
    public static final long MS_NODIRATIME = 2048;
    public static final long MS_BIND = 4096;
    public static final long MS_MOVE = 8192;
    public static final long MS_REC = 16384;
    public static final long MS_SILENT = 32768;
    public static final long MS_POSIXACL = 1 << 16;
    public static final long MS_UNBINDABLE = 1 << 17;
    public static final long MS_PRIVATE = 1 << 18;
    public static final long MS_SLAVE = 1 << 19;
    public static final long MS_SHARED = 1 << 20;
    public static final long MS_RELATIME = 1 << 21;
    public static final long MS_STRICTATIME = 1 << 24;
    public static final long MS_LAZYTIME = 1 << 25;

    // umount2(2) flags.
    public static final int MNT_FORCE = 1;
    public static final int MNT_DETACH = 2;
    public static final int MNT_EXPIRE = 4;
    public static final int UMOUNT_NOFOLLOW = 8;

    // reboot(2) commands as glibc's reboot() takes them.
    public static final int RB_AUTOBOOT = 0x01234567;
    public static final int RB_HALT_SYSTEM = 0xcdef0123;
    public static final int RB_ENABLE_CAD = 0x89abcdef;
    public static final int RB_DISABLE_CAD = 0;
    public static final int RB_POWER_OFF = 0x4321fedc;

    /** madvise: reclaim the range's pages now (Linux 5.4); clean file pages are simply dropped. */
    public static final int MADV_PAGEOUT = 21;

    // Signals, in the kernel's numbering.
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGABRT = 6;
    public static final int SIGBUS = 7;
    public static final int SIGFPE = 8;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGSEGV = 11;
    public static final int SIGUSR2 = 12;
    public static final int SIGPIPE = 13;
    public static final int SIGALRM = 14;
    public static final int SIGTERM = 15;
    public static final int SIGSTKFLT = 16;
    public static final int SIGCHLD = 17;
    public static final int SIGCONT = 18;
    public static final int SIGSTOP = 19;
    public static final int SIGTSTP = 20;
    public static final int SIGTTIN = 21;
    public static final int SIGTTOU = 22;
    public static final int SIGURG = 23;
    public static final int SIGXCPU = 24;
    public static final int SIGXFSZ = 25;
    public static final int SIGVTALRM = 26;
    public static final int SIGPROF = 27;
    public static final int SIGWINCH = 28;
    public static final int SIGIO = 29;
    public static final int SIGPWR = 30;
    public static final int SIGSYS = 31;
    /** glibc's, not the kernel's 32: glibc keeps 32 and 33 for itself. */
    public static final int SIGRTMIN = 34;

    public static final int SIGRTMAX = 64;

    // waitid(2).
    public static final int P_ALL = 0;
    public static final int P_PID = 1;
    public static final int P_PGID = 2;
    public static final int P_PIDFD = 3;
    public static final int WNOHANG = 1;
    public static final int WSTOPPED = 2;
    public static final int WEXITED = 4;
    public static final int WCONTINUED = 8;
    public static final int WNOWAIT = 0x01000000;
    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;
    public static final int CLD_TRAPPED = 4;
    public static final int CLD_STOPPED = 5;
    public static final int CLD_CONTINUED = 6;

    // sigprocmask(2) and signalfd(2).
    public static final int SIG_BLOCK = 0;
    public static final int SIG_UNBLOCK = 1;
    public static final int SIG_SETMASK = 2;
    public static final int SFD_NONBLOCK = 04000;
    public static final int SFD_CLOEXEC = 02000000;

    // posix_spawnattr_setflags(3), glibc's values.
    public static final int POSIX_SPAWN_RESETIDS = 0x01;
    public static final int POSIX_SPAWN_SETPGROUP = 0x02;
    public static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    public static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    public static final int POSIX_SPAWN_SETSID = 0x80;

    // open(2).
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    // openat2(2) resolve flags and the *at calls' flags.
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;
    public static final long RESOLVE_IN_ROOT = 0x10;
    public static final int AT_FDCWD = -100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_EMPTY_PATH = 0x1000;

    /** A symbolic link's target is shorter than this (the kernel's limit for a path). */
    public static final int PATH_MAX = 4096;

    // Sockets.
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 04000;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_BROADCAST = 6;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_BINDTODEVICE = 25;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_UDP = 17;
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_KOBJECT_UEVENT = 15;
    public static final int MSG_DONTWAIT = 0x40;

    // poll(2) events.
    public static final int POLLIN = 0x001;
    public static final int POLLERR = 0x008;
    public static final int POLLHUP = 0x010;
    public static final int POLLNVAL = 0x020;

    // setns(2) and unshare(2) namespace types.
    public static final int CLONE_NEWNS = 0x00020000;
    public static final int CLONE_NEWUTS = 0x04000000;
    public static final int CLONE_NEWNET = 0x40000000;

    // ioctl(2) requests.
    public static final long TIOCSCTTY = 0x540E;
    public static final long FIONREAD = 0x541B;
    public static final long TIOCNOTTY = 0x5422;
    public static final long SIOCGIFFLAGS = 0x8913;
    public static final long SIOCSIFFLAGS = 0x8914;
    public static final long SIOCGIFHWADDR = 0x8927;
    public static final long SIOCGIFINDEX = 0x8933;

    // System call numbers for the thread-only credential changes that glibc has no wrapper for.
    public static final long SYS_SETGROUPS = 116;
    public static final long SYS_CLOSE_RANGE = 436;
    /** openat2(2) (Linux 5.6); glibc has no wrapper. */
    public static final long SYS_OPENAT2 = 437;
    /** {@code struct open_how}: three 64-bit fields, flags, mode and resolve. */
    public static final int OPEN_HOW_BYTES = 24;
    /** close_range flag: mark the descriptors close-on-exec instead of closing them. */
    public static final long CLOSE_RANGE_CLOEXEC = 4;

    public static final long SYS_SETRESUID = 117;
    public static final long SYS_SETRESGID = 119;

    private static final String[] SIGNAL_NAMES = {
        null,
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS"
    };

    private LinuxConstants() {}

    /**
     * {@code "SIGTERM"}; real-time signals relative to glibc's {@code SIGRTMIN} ({@code "SIGRTMIN+4"}
     * for 38, {@code "SIGRTMAX"} for 64); {@code "signal 99"} for anything else, including 32 and 33,
     * which only glibc itself uses.
     */
    public static String signalName(int signo) {
        if (signo > 0 && signo < SIGNAL_NAMES.length) {
            return SIGNAL_NAMES[signo];
        }
        if (signo == SIGRTMIN) {
            return "SIGRTMIN";
        }
        if (signo > SIGRTMIN && signo < SIGRTMAX) {
            return "SIGRTMIN+" + (signo - SIGRTMIN);
        }
        if (signo == SIGRTMAX) {
            return "SIGRTMAX";
        }
        return "signal " + signo;
    }

    /**
     * The signal a name or number stands for, as an OCI image's {@code StopSignal} gives it and as
     * Docker reads it: {@code "SIGINT"}, {@code "INT"}, {@code "int"}, {@code "2"}, {@code
     * "SIGRTMIN+3"}, {@code "RTMAX-1"}, and the kernel's aliases {@code IOT}, {@code CLD} and {@code
     * POLL}. Empty for anything else, including 0, 32 and 33 (glibc's own) and numbers past 64:
     * a stop signal nobody can send must not be mistaken for the default.
     */
    public static OptionalInt signalNumber(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalInt.empty();
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 2) {
                return OptionalInt.empty();
            }
            int number = Integer.parseInt(text);
            return isSendable(number) ? OptionalInt.of(number) : OptionalInt.empty();
        }
        String upper = text.toUpperCase(Locale.ROOT);
        String name = upper.startsWith("SIG") ? upper.substring(3) : upper;
        switch (name) {
            case "IOT" -> {
                return OptionalInt.of(SIGABRT);
            }
            case "CLD" -> {
                return OptionalInt.of(SIGCHLD);
            }
            case "POLL" -> {
                return OptionalInt.of(SIGIO);
            }
            default -> {}
        }
        for (int signo = 1; signo < SIGNAL_NAMES.length; signo++) {
            if (SIGNAL_NAMES[signo].substring(3).equals(name)) {
                return OptionalInt.of(signo);
            }
        }
        return realTime(name, "RTMIN", SIGRTMIN, 1)
                .or(() -> realTime(name, "RTMAX", SIGRTMAX, -1))
                .orElse(OptionalInt.empty());
    }

    /** {@code RTMIN}, {@code RTMIN+n}, {@code RTMAX}, {@code RTMAX-n} within glibc's real-time range. */
    private static Optional<OptionalInt> realTime(String name, String base, int baseNumber, int sign) {
        if (!name.startsWith(base)) {
            return Optional.empty();
        }
        String rest = name.substring(base.length());
        if (rest.isEmpty()) {
            return Optional.of(OptionalInt.of(baseNumber));
        }
        String offset = rest.substring(1);
        if (rest.charAt(0) != (sign > 0 ? '+' : '-')
                || offset.isEmpty()
                || offset.length() > 2
                || !offset.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(OptionalInt.empty());
        }
        int number = baseNumber + sign * Integer.parseInt(offset);
        return Optional.of(number >= SIGRTMIN && number <= SIGRTMAX ? OptionalInt.of(number) : OptionalInt.empty());
    }

    private static boolean isSendable(int signo) {
        return (signo > 0 && signo < SIGNAL_NAMES.length) || (signo >= SIGRTMIN && signo <= SIGRTMAX);
    }
}
