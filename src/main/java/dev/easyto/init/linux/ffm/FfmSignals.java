package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.hex;
import static dev.easyto.init.linux.ffm.Downcalls.restartingOnEintr;
import static dev.easyto.init.linux.ffm.Downcalls.sigset;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SignalSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link SignalCalls} through the C library. */
final class FfmSignals implements SignalCalls {

    @Override
    public void kill(int pid, int signal) {
        call("kill", pid + ", " + signalArgument(signal), state -> (int) Libc.KILL.invokeExact(state, pid, signal));
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        call("tgkill", tgid + ", " + tid + ", " + signalArgument(signal), state ->
                (int) Libc.TGKILL.invokeExact(state, tgid, tid, signal));
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSet = set == null ? MemorySegment.NULL : sigset(arena, set);
            MemorySegment old = sigset(arena, SignalSet.EMPTY);
            call(arena, "sigprocmask", howName(how) + ", " + (set == null ? "NULL" : set), state ->
                    (int) Libc.SIGPROCMASK.invokeExact(state, how, cSet, old));
            return new SignalSet(old.get(JAVA_LONG, 0));
        }
    }

    @Override
    public int signalfd(SignalSet set, int flags) {
        return signalfd(-1, set, flags);
    }

    @Override
    public int signalfd(int fd, SignalSet set, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSet = sigset(arena, set);
            return (int) call(arena, "signalfd", fd + ", " + set + ", " + hex(flags), state ->
                    (int) Libc.SIGNALFD.invokeExact(state, fd, cSet, flags));
        }
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Libc.SIGNALFD_SIGINFO_BYTES, 8);
            long count = Libc.SIGNALFD_SIGINFO_BYTES;
            long read = restartingOnEintr(() -> call(arena, "read", String.valueOf(signalFd), state ->
                    (long) Libc.READ.invokeExact(state, signalFd, info, count)));
            if (read != count) {
                throw new IllegalStateException(
                        "read " + read + " bytes from fd " + signalFd + ", which is not a signalfd");
            }
            // struct signalfd_siginfo: ssi_signo at 0, ssi_pid at 12.
            return new SignalInfo(info.get(JAVA_INT, 0), info.get(JAVA_INT, 12));
        }
    }

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
}
