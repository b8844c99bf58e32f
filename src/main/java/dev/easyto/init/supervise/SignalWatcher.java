package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SFD_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.SIGINT;
import static dev.easyto.init.linux.LinuxConstants.SIGRTMIN;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;

import dev.easyto.init.linux.LinuxConstants;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalInfo;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.InitThreads;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the blocked shutdown signals from a {@code signalfd} on one thread and turns each into a
 * {@link ShutdownRequest}. A stop that arrives during the boot is kept and acted on as soon as
 * the boot hands over, instead of being lost as upstream loses it.
 */
@ApplicationScoped
public class SignalWatcher {
    /** EC2's stop arrives as signal 38 (SIGRTMIN+4) from the ACPI tiny power button driver. */
    public static final int SIGNAL_POWER_BUTTON = SIGRTMIN + 4;

    /** What PID 1 blocks before any thread exists and reads here instead. */
    public static final SignalSet SHUTDOWN_SIGNALS = SignalSet.of(SIGINT, SIGTERM, SIGNAL_POWER_BUTTON);

    private final ShutdownRequest shutdown;

    public SignalWatcher(ShutdownRequest shutdown) {
        this.shutdown = shutdown;
    }

    public void start(SignalCalls signalCalls) {
        int fd = signalCalls.signalfd(SHUTDOWN_SIGNALS, SFD_CLOEXEC);
        InitThreads.daemon("signals", () -> watch(signalCalls, fd)).start();
    }

    private void watch(SignalCalls signalCalls, int fd) {
        while (true) {
            try {
                SignalInfo info = signalCalls.readSignal(fd);
                String name = LinuxConstants.signalName(info.signo());
                Console.info("received %s from pid %d", name, info.senderPid());
                shutdown.request("signal " + name);
            } catch (SyscallException e) {
                Console.warn("reading signals failed: %s", e.getMessage());
            }
        }
    }
}
