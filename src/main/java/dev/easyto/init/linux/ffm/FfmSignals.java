package dev.easyto.init.linux.ffm;

import static dev.easyto.init.linux.CallFormat.restartingOnEintr;
import static dev.easyto.init.linux.ffm.Downcalls.call;
import static dev.easyto.init.linux.ffm.Downcalls.sigset;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SignalSet;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** {@link SignalCalls} through the C library. */
final class FfmSignals implements SignalCalls {

    @Override
    public void kill(int pid, int signal) {
        call("kill", CallFormat.signal(pid, signal), state -> (int) Libc.KILL.invokeExact(state, pid, signal));
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        call("tgkill", CallFormat.threadSignal(tgid, tid, signal), state ->
                (int) Libc.TGKILL.invokeExact(state, tgid, tid, signal));
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cSet = set == null ? MemorySegment.NULL : sigset(arena, set);
            MemorySegment old = sigset(arena, SignalSet.EMPTY);
            call(arena, "sigprocmask", CallFormat.sigprocmask(how, set), state ->
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
            return (int) call(arena, "signalfd", CallFormat.signalfd(fd, set, flags), state ->
                    (int) Libc.SIGNALFD.invokeExact(state, fd, cSet, flags));
        }
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Libc.SIGNALFD_SIGINFO_BYTES, 8);
            long count = Libc.SIGNALFD_SIGINFO_BYTES;
            long read = restartingOnEintr(() -> call(arena, "read", CallFormat.fd(signalFd), state ->
                    (long) Libc.READ.invokeExact(state, signalFd, info, count)));
            CallFormat.checkSignalRead(read, count, signalFd);
            // struct signalfd_siginfo: ssi_signo at 0, ssi_pid at 12.
            return new SignalInfo(info.get(JAVA_INT, 0), info.get(JAVA_INT, 12));
        }
    }
}
