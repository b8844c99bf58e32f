package dev.easyto.init.linux;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * What both backends do around a C call: check that the arguments fit the C types, format them
 * for the {@link SyscallException} message, and make the same result of what the call returned, so
 * that a failure reads the same from either backend. Each call's argument text is made here.
 */
public final class CallFormat {
    private CallFormat() {}

    /** A string for C, which would see only the part before a NUL: a different path than asked for. */
    public static String cString(String string) {
        if (string.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("NUL inside a C string: " + quote(string));
        }
        return string;
    }

    /**
     * A uid or gid as the 32-bit C type; -1 (all ones) is the "unchanged" value of chown and the
     * setres calls. Larger values would be silently cut to another id.
     */
    public static int id(long id) {
        if (id < -1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a user or group id: " + id);
        }
        return (int) id;
    }

    /** That {@code count} bytes from the start fit in {@code buffer}, which a C call would overrun. */
    public static void checkCount(byte[] buffer, long count) {
        if (count < 0 || count > buffer.length) {
            throw new IndexOutOfBoundsException(
                    "count " + count + " does not fit a buffer of " + buffer.length + " bytes");
        }
    }

    public static String quote(String string) {
        if (string == null) {
            return "NULL";
        }
        StringBuilder quoted = new StringBuilder(string.length() + 2).append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\0' -> quoted.append("\\0");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String hex(int value) {
        return "0x" + Integer.toHexString(value);
    }

    public static String octal(int mode) {
        return String.format("%04o", mode);
    }

    // Argument texts by the shape of the call.

    /** A call whose one argument is a path or another string. */
    public static String path(String path) {
        return quote(path);
    }

    public static String pathAndMode(String path, int mode) {
        return quote(path) + ", " + octal(mode);
    }

    public static String pathAndFlags(String path, int flags) {
        return quote(path) + ", " + hex(flags);
    }

    public static String owner(String path, long uid, long gid) {
        return quote(path) + ", " + uid + ", " + gid;
    }

    public static String owner(int fd, long uid, long gid) {
        return fd + ", " + uid + ", " + gid;
    }

    public static String fdAndMode(int fd, int mode) {
        return fd + ", " + octal(mode);
    }

    public static String twoPaths(String first, String second) {
        return quote(first) + ", " + quote(second);
    }

    /** openat2's arguments, the {@code struct open_how} shown by its fields. */
    public static String openat2(int dirFd, String path, int flags, int mode, long resolve) {
        return dirFd + ", " + quote(path) + ", {flags=" + hex(flags) + ", mode=" + octal(mode) + ", resolve="
                + hex(resolve) + "}";
    }

    /** The open_how a C call is given: flags, mode and resolve, each 64 bits. */
    public static long[] openHow(int flags, int mode, long resolve) {
        return new long[] {flags & 0xFFFF_FFFFL, mode & 0xFFFF_FFFFL, resolve};
    }

    /** The target readlinkat left in {@code buffer}: its first {@code length} bytes, no NUL. */
    public static String linkTarget(byte[] buffer, long length) {
        return new String(buffer, 0, Math.toIntExact(length), StandardCharsets.UTF_8);
    }

    public static String fdAndPath(int dirFd, String path) {
        return dirFd + ", " + quote(path);
    }

    public static String fdPathAndMode(int dirFd, String path, int mode) {
        return dirFd + ", " + quote(path) + ", " + octal(mode);
    }

    public static String fdPathAndFlags(int dirFd, String path, int flags) {
        return dirFd + ", " + quote(path) + ", " + hex(flags);
    }

    public static String renameat(int oldDirFd, String oldPath, int newDirFd, String newPath) {
        return oldDirFd + ", " + quote(oldPath) + ", " + newDirFd + ", " + quote(newPath);
    }

    public static String fd(int fd) {
        return String.valueOf(fd);
    }

    public static String fdAndFlags(int fd, long flags) {
        return fd + ", " + hex(flags);
    }

    public static String fdAndFlags(int fd, int flags) {
        return fd + ", " + hex(flags);
    }

    public static String twoFds(int first, int second) {
        return first + ", " + second;
    }

    public static String signal(int pid, int signal) {
        return pid + ", " + signalArgument(signal);
    }

    public static String threadSignal(int tgid, int tid, int signal) {
        return tgid + ", " + tid + ", " + signalArgument(signal);
    }

    public static String sigprocmask(int how, SignalSet set) {
        return howName(how) + ", " + (set == null ? "NULL" : set);
    }

    public static String signalfd(int fd, SignalSet set, int flags) {
        return fd + ", " + set + ", " + hex(flags);
    }

    public static String socket(int domain, int type, int protocol) {
        return domain + ", " + hex(type) + ", " + protocol;
    }

    public static String socketOption(int fd, int level, int option) {
        return fd + ", " + level + ", " + option;
    }

    public static String poll(int fd, int events, int timeoutMillis) {
        return fd + ", " + hex(events) + ", " + timeoutMillis;
    }

    public static String waitid(int idType, int id, int options) {
        return idTypeName(idType) + ", " + id + ", " + hex(options);
    }

    public static String closeRangeOnExec(int first) {
        return first + ", ~0U, CLOSE_RANGE_CLOEXEC";
    }

    /** The ids, or their count when there are so many that the message would drown in them. */
    public static String ids(long[] ids) {
        return ids.length <= 16 ? Arrays.toString(ids) : ids.length + " ids";
    }

    public static String threeIds(long real, long effective, long saved) {
        return real + ", " + effective + ", " + saved;
    }

    // What both backends make of a call's result.

    /** Calls again while the call fails with {@code EINTR}, as a signal handler can make it. */
    public static long restartingOnEintr(LongSupplier call) {
        while (true) {
            try {
                return call.getAsLong();
            } catch (SyscallException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }

    /**
     * What {@code poll} on one descriptor returns: the events that occurred, 0 when the time ran
     * out; {@code POLLNVAL} (a descriptor that is not open) as {@code EBADF}.
     */
    public static int pollResult(int ready, int revents, String arguments) {
        if (ready == 0) {
            return 0;
        }
        if ((revents & LinuxConstants.POLLNVAL) != 0) {
            throw new SyscallException("poll", arguments, Errno.EBADF);
        }
        return revents;
    }

    /**
     * The child that {@code waitid} reported from a zeroed {@code siginfo_t}, or null when {@code
     * WNOHANG} found none: the kernel then leaves si_pid 0.
     */
    public static ChildExit waitidResult(int pid, int code, int status, int options) {
        if (pid == 0 && (options & LinuxConstants.WNOHANG) != 0) {
            return null;
        }
        return new ChildExit(pid, code, status);
    }

    /** A whole {@code struct signalfd_siginfo} or nothing: anything else is not a signalfd. */
    public static void checkSignalRead(long read, long expected, int signalFd) {
        if (read != expected) {
            throw new IllegalStateException(
                    "read " + read + " bytes from fd " + signalFd + ", which is not a signalfd");
        }
    }

    // The posix_spawn family's steps, as posixSpawn reports the one that failed.

    public static final String SPAWN_SIGMASK = SignalSet.EMPTY.toString();
    public static final String SPAWN_SIGDEFAULT = "all signals";
    /** The child closes every descriptor from this one up ({@code addclosefrom_np}). */
    public static final int SPAWN_CLOSE_FROM = 3;

    private static String signalArgument(int signal) {
        return signal == 0 ? "0" : LinuxConstants.signalName(signal);
    }

    private static String howName(int how) {
        return switch (how) {
            case LinuxConstants.SIG_BLOCK -> "SIG_BLOCK";
            case LinuxConstants.SIG_UNBLOCK -> "SIG_UNBLOCK";
            case LinuxConstants.SIG_SETMASK -> "SIG_SETMASK";
            default -> String.valueOf(how);
        };
    }

    private static String idTypeName(int idType) {
        return switch (idType) {
            case LinuxConstants.P_ALL -> "P_ALL";
            case LinuxConstants.P_PID -> "P_PID";
            case LinuxConstants.P_PGID -> "P_PGID";
            case LinuxConstants.P_PIDFD -> "P_PIDFD";
            default -> String.valueOf(idType);
        };
    }
}
