package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SFD_CLOEXEC;

import dev.easyto.init.boot.Console;
import dev.easyto.init.linux.Linux;
import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SyscallException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the blocked shutdown signals from a {@code signalfd} on one thread and turns each into a
 * {@link ShutdownRequest}. A stop that arrives during the boot is kept and acted on as soon as
 * the boot hands over, instead of being lost as upstream loses it.
 */
@ApplicationScoped
public class SignalWatcher {
    private final ShutdownRequest shutdown;

    public SignalWatcher(ShutdownRequest shutdown) {
        this.shutdown = shutdown;
    }

    public void start(Linux linux) {
        int fd = linux.signalfd(SignalMask.SHUTDOWN_SIGNALS, SFD_CLOEXEC);
        Thread thread = new Thread(() -> watch(linux, fd), "signals");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(Linux linux, int fd) {
        while (true) {
            try {
                SignalInfo info = linux.readSignal(fd);
                String name = LinuxConstants.signalName(info.signo());
                Console.info("received %s from pid %d", name, info.senderPid());
                shutdown.request("signal " + name);
            } catch (SyscallException e) {
                Console.warn("reading signals failed: %s", e.getMessage());
            }
        }
    }
}
