package dev.easyto.init.linux.cif;

import static dev.easyto.init.linux.CallFormat.restartingOnEintr;
import static dev.easyto.init.linux.cif.Calls.checked;

import dev.easyto.init.linux.CallFormat;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SignalSet;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/** {@link SignalCalls} through the C library. */
final class CifSignals implements SignalCalls {

    @Override
    public void kill(int pid, int signal) {
        String arguments = CallFormat.signal(pid, signal);
        checked(Libc.kill(pid, signal), "kill", arguments);
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        String arguments = CallFormat.threadSignal(tgid, tid, signal);
        checked(Libc.tgkill(tgid, tid, signal), "tgkill", arguments);
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        String arguments = CallFormat.sigprocmask(how, set);
        long[] old = sigset(SignalSet.EMPTY);
        try (Pins pins = new Pins()) {
            PointerBase cSet = set == null ? WordFactory.nullPointer() : pins.longs(sigset(set));
            checked(Libc.sigprocmask(how, cSet, pins.longs(old)), "sigprocmask", arguments);
        }
        return new SignalSet(old[0]);
    }

    @Override
    public int signalfd(SignalSet set, int flags) {
        return signalfd(-1, set, flags);
    }

    @Override
    public int signalfd(int fd, SignalSet set, int flags) {
        String arguments = CallFormat.signalfd(fd, set, flags);
        try (Pins pins = new Pins()) {
            return (int) checked(Libc.signalfd(fd, pins.longs(sigset(set)), flags), "signalfd", arguments);
        }
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        String arguments = CallFormat.fd(signalFd);
        // struct signalfd_siginfo as ints: ssi_signo at byte 0, ssi_pid at byte 12.
        int[] info = new int[Libc.SIGNALFD_SIGINFO_BYTES / Integer.BYTES];
        long read = restartingOnEintr(() -> read(signalFd, info, arguments));
        CallFormat.checkSignalRead(read, Libc.SIGNALFD_SIGINFO_BYTES, signalFd);
        return new SignalInfo(info[0], info[3]);
    }

    /** One attempt; word values (the pinned address) cannot be passed into the retrying lambda. */
    private static long read(int signalFd, int[] info, String arguments) {
        try (Pins pins = new Pins()) {
            return checked(Libc.read(signalFd, pins.ints(info), Libc.SIGNALFD_SIGINFO_BYTES), "read", arguments);
        }
    }

    /** A glibc {@code sigset_t}: the kernel's 64 bits first, the rest unused. */
    static long[] sigset(SignalSet set) {
        long[] sigset = new long[Libc.SIGSET_T_BYTES / Long.BYTES];
        sigset[0] = set.bits();
        return sigset;
    }
}
