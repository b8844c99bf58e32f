package dev.easyto.init.linux;

import java.util.ArrayList;
import java.util.List;

/** A set of signals as the kernel holds it: bit {@code n - 1} stands for signal {@code n}. */
public record SignalSet(long bits) {
    public static final SignalSet EMPTY = new SignalSet(0);

    private static final SignalSet ALL = new SignalSet(-1L);

    public static SignalSet of(int... signals) {
        long bits = 0;
        for (int signo : signals) {
            bits |= bit(signo);
        }
        return new SignalSet(bits);
    }

    /** Signals 1 to 64, including the two glibc keeps for itself and the two no one can block. */
    public static SignalSet all() {
        return ALL;
    }

    public boolean contains(int signo) {
        return signo >= 1 && signo <= 64 && (bits & bit(signo)) != 0;
    }

    public SignalSet with(int... signals) {
        return new SignalSet(bits | of(signals).bits);
    }

    public SignalSet without(int... signals) {
        return new SignalSet(bits & ~of(signals).bits);
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    /** The signal numbers in ascending order. */
    public List<Integer> signals() {
        List<Integer> signals = new ArrayList<>();
        for (int signo = 1; signo <= 64; signo++) {
            if (contains(signo)) {
                signals.add(signo);
            }
        }
        return signals;
    }

    @Override
    public String toString() {
        return signals().stream().map(LinuxConstants::signalName).toList().toString();
    }

    private static long bit(int signo) {
        if (signo < 1 || signo > 64) {
            throw new IllegalArgumentException("no signal " + signo + ": signals are 1 to 64");
        }
        return 1L << (signo - 1);
    }
}
