package dev.easyto.init.pid1;

import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;
import static dev.easyto.init.linux.LinuxConstants.SIG_BLOCK;

import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Environ;
import dev.easyto.init.supervise.SignalWatcher;
import io.quarkus.runtime.ImageMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shutdown signals must be blocked in every thread before any thread exists, or the kernel
 * may deliver one to a thread that does not block it, where PID 1's default action drops it. A
 * JVM has started threads long before our code runs, so the init blocks them on its own thread
 * and re-executes itself: the mask survives {@code execve} and every thread of the new JVM
 * inherits it. A {@code signalfd} then reads them on one thread ({@link SignalWatcher}).
 */
final class SignalTakeover {
    private SignalTakeover() {}

    /** Returns when the mask is in place; otherwise re-executes the init and does not return. */
    static void ensureBlocked(SignalCalls signalCalls, MountCalls mountCalls, ProcessCalls processCalls)
            throws IOException {
        if (Environ.reexecuted()) {
            SignalSet current = signalCalls.sigprocmask(SIG_BLOCK, SignalSet.EMPTY);
            for (int signal : SignalWatcher.SHUTDOWN_SIGNALS.signals()) {
                if (!current.contains(signal)) {
                    Console.warn("signal %d is not blocked after re-exec; shutdown signals may be lost", signal);
                }
            }
            return;
        }
        // As PID 1 nothing is mounted yet, and re-executing needs /proc/self/exe and cmdline.
        if (!Files.exists(Path.of("/proc/self/exe"))) {
            Files.createDirectories(Path.of("/proc"));
            mountCalls.mount("proc", "/proc", "proc", MS_NODEV | MS_NOEXEC | MS_NOSUID | MS_RELATIME, null);
        }
        Map<String, String> env = Environ.ofInit();
        env.put(Environ.REEXEC_MARKER, "1");
        // An init started as PID 1 needs LD_LIBRARY_PATH to find its own libraries while /proc
        // (and so $ORIGIN) is missing; now it is mounted, and the workload must not inherit it.
        if (ownLibraries().equals(env.get("LD_LIBRARY_PATH"))) {
            env.remove("LD_LIBRARY_PATH");
        }
        signalCalls.sigprocmask(SIG_BLOCK, SignalWatcher.SHUTDOWN_SIGNALS);
        processCalls.execve("/proc/self/exe", commandLine(), Environ.strings(env));
    }

    /**
     * Where the init's own shared libraries are: the JVM's {@code lib}, or for a native executable
     * the {@code lib} beside it, where a dynamically linked build keeps the few it needs ({@code
     * $ORIGIN/lib}; a static one needs none).
     */
    private static String ownLibraries() throws IOException {
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            return Path.of("/proc/self/exe").toRealPath().resolveSibling("lib").toString();
        }
        return Path.of(System.getProperty("java.home"), "lib").toString();
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
}
