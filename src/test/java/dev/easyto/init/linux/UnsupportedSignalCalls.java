package dev.easyto.init.linux;

/** A base for fake {@link SignalCalls}: every call refused, so a fake overrides only what it models. */
public abstract class UnsupportedSignalCalls implements SignalCalls {
    @Override
    public void kill(int pid, int signal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void tgkill(int tgid, int tid, int signal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignalSet sigprocmask(int how, SignalSet set) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int signalfd(SignalSet set, int flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int signalfd(int fd, SignalSet set, int flags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SignalInfo readSignal(int signalFd) {
        throw new UnsupportedOperationException();
    }
}
