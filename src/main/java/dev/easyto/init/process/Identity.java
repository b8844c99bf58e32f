package dev.easyto.init.process;

import dev.easyto.init.linux.ProcessCalls;
import java.util.List;

/**
 * Who a process runs as: user, primary group and supplementary groups. Root with no supplementary
 * groups means "keep PID 1's identity".
 */
public record Identity(long uid, long gid, List<Long> groups) {
    public static final Identity ROOT = new Identity(0, 0, List.of());

    public Identity {
        groups = List.copyOf(groups);
    }

    public boolean isRoot() {
        return uid == 0 && gid == 0 && groups.isEmpty();
    }

    /**
     * Switches the calling thread, and only it, to this identity with the raw per-thread system
     * calls (the C library's wrappers would switch every thread). The saved ids stay 0, which is
     * what lets the thread become root again ({@link #restoreRoot}); an {@code execve} turns a
     * child's saved ids into its effective ones, so the program it runs cannot regain root.
     */
    public void assumeOnThisThread(ProcessCalls processCalls) {
        processCalls.threadSetgroups(groups.stream().mapToLong(Long::longValue).toArray());
        processCalls.threadSetresgid(gid, gid, 0);
        processCalls.threadSetresuid(uid, uid, 0);
    }

    /** Undoes {@link #assumeOnThisThread}: user first, while the saved uid 0 still allows it. */
    public static void restoreRoot(ProcessCalls processCalls) {
        processCalls.threadSetresuid(0, 0, 0);
        processCalls.threadSetresgid(0, 0, 0);
        processCalls.threadSetgroups(new long[0]);
    }
}
