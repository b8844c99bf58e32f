package dev.easyto.init.rehearsal;

import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SignalSet;

/**
 * Signals as a rehearsal sends them: recorded, never sent, since every pid it knows is made up
 * and a real one could be anything on the developer's machine. The dev JVM keeps its signal mask.
 */
final class RehearsedSignals implements SignalCalls {
    private final RehearsalLog log;

    RehearsedSignals(RehearsalLog log) {
        this.log = log;
    }

    @Override
    public void kill(int pid, int signal) {
        log.would("send %s to %d", LinuxConstants.signalName(signal), pid);
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        log.would("send %s to thread %d of %d", LinuxConstants.signalName(signal), tid, tgid);
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        return SignalSet.EMPTY;
    }

    @Override
    public int signalfd(SignalSet set, int flags) {
        throw new UnsupportedOperationException("a rehearsal reads no signals");
    }

    @Override
    public int signalfd(int fd, SignalSet set, int flags) {
        throw new UnsupportedOperationException("a rehearsal reads no signals");
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        throw new UnsupportedOperationException("a rehearsal reads no signals");
    }
}
