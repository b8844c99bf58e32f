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
        SignalSet current = signalCalls.sigprocmask(SIG_BLOCK, SignalSet.EMPTY);
        List<Integer> missing = SignalWatcher.SHUTDOWN_SIGNALS.signals().stream()
                .filter(signal -> !current.contains(signal))
                .toList();
        // Blocked on entry means blocked before this process had threads (nothing here blocks
        // them without re-executing): by the native executable's constructor
        // (src/main/c/block-signals-first.c) or across an execve, so every thread has them.
        if (missing.isEmpty()) {
            return;
        }
        if (Environ.reexecuted()) {
            missing.forEach(signal ->
                    Console.warn("signal %d is not blocked after re-exec; shutdown signals may be lost", signal));
            return;
        }
        // As PID 1 nothing is mounted yet, and re-executing needs /proc/self/exe and cmdline.
        if (!Files.exists(Path.of("/proc/self/exe"))) {
            Files.createDirectories(Path.of("/proc"));
            mountCalls.mount("proc", "/proc", "proc", MS_NODEV | MS_NOEXEC | MS_NOSUID | MS_RELATIME, null);
        }
        // Environ.ofInit leaves out the LD_LIBRARY_PATH that named the init's own libraries.
        Map<String, String> env = Environ.ofInit();
        env.put(Environ.REEXEC_MARKER, "1");
        signalCalls.sigprocmask(SIG_BLOCK, SignalWatcher.SHUTDOWN_SIGNALS);
        processCalls.execve("/proc/self/exe", commandLine(), Environ.strings(env));
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
