package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.RB_POWER_OFF;

import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;

/** The last thing PID 1 does. It never returns: if PID 1 exited, the kernel would panic. */
final class PowerOff {
    private PowerOff() {}

    static void now(MachineCalls machineCalls) {
        Console.info("powering off");
        try {
            machineCalls.sync();
            machineCalls.reboot(RB_POWER_OFF);
        } catch (Throwable e) {
            Console.error("unable to power off: %s", Failures.describe(e));
        }
        waitForever();
    }

    /** Keeps the calling thread, and so PID 1, alive whatever happens to it. */
    static void waitForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // Keep PID 1 alive whatever happens to this thread.
            }
        }
    }
}
