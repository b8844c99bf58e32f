package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;
import static dev.easyto.init.linux.LinuxConstants.SIGINT;
import static dev.easyto.init.linux.LinuxConstants.SIGRTMIN;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;
import static dev.easyto.init.linux.LinuxConstants.SIG_BLOCK;

import dev.easyto.init.boot.Console;
import dev.easyto.init.linux.Linux;
import dev.easyto.init.linux.SignalSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shutdown signals must be blocked in every thread before any thread exists, or the kernel
 * may deliver one to a thread that does not block it, where PID 1's default action drops it. A
 * JVM has started threads long before our code runs, so the init blocks them on its own thread
 * and re-executes itself: the mask survives {@code execve} and every thread of the new JVM
 * inherits it. A {@code signalfd} then reads them on one thread ({@link SignalWatcher}).
 */
public final class SignalMask {
    /** EC2's stop arrives as signal 38 (SIGRTMIN+4) from the ACPI tiny power button driver. */
    public static final int SIGNAL_POWER_BUTTON = SIGRTMIN + 4;

    public static final SignalSet SHUTDOWN_SIGNALS = SignalSet.of(SIGINT, SIGTERM, SIGNAL_POWER_BUTTON);

    /** Set in the environment of the re-executed init, and removed before anything is spawned. */
    public static final String MARKER = "EASYTO_INIT_SIGNALS_BLOCKED";

    private SignalMask() {}

    /** Returns when the mask is in place; otherwise re-executes the init and does not return. */
    public static void ensureBlocked(Linux linux) throws IOException {
        if (System.getenv(MARKER) != null) {
            SignalSet current = linux.sigprocmask(SIG_BLOCK, SignalSet.EMPTY);
            for (int signal : new int[] {SIGINT, SIGTERM, SIGNAL_POWER_BUTTON}) {
                if (!current.contains(signal)) {
                    Console.warn("signal %d is not blocked after re-exec; shutdown signals may be lost", signal);
                }
            }
            return;
        }
        // As PID 1 nothing is mounted yet, and re-executing needs /proc/self/exe and cmdline.
        if (!Files.exists(Path.of("/proc/self/exe"))) {
            Files.createDirectories(Path.of("/proc"));
            linux.mount("proc", "/proc", "proc", MS_NODEV | MS_NOEXEC | MS_NOSUID | MS_RELATIME, null);
        }
        List<String> argv = commandLine();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(MARKER, "1");
        // A JVM started as PID 1 needs LD_LIBRARY_PATH to find its own libraries while /proc
        // (and so $ORIGIN) is missing; now it is mounted, and the workload must not inherit it.
        String jvmLibraries = Path.of(System.getProperty("java.home"), "lib").toString();
        if (jvmLibraries.equals(env.get("LD_LIBRARY_PATH"))) {
            env.remove("LD_LIBRARY_PATH");
        }
        List<String> environ = new ArrayList<>();
        env.forEach((name, value) -> environ.add(name + "=" + value));
        linux.sigprocmask(SIG_BLOCK, SHUTDOWN_SIGNALS);
        linux.execve("/proc/self/exe", argv, environ);
    }

    private static List<String> commandLine() throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        List<String> argv = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                argv.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return argv;
    }

    /** PID 1's environment as the kernel gave it, without our marker. */
    public static Map<String, String> initEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(MARKER);
        return env;
    }
}
