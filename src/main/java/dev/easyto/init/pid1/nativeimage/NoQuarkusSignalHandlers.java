package dev.easyto.init.pid1.nativeimage;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;
import io.quarkus.runtime.ApplicationLifecycleManager;
import java.util.function.BiConsumer;

/**
 * In a native executable Quarkus handles INT, TERM and HUP by exiting and QUIT by printing
 * diagnostics, unless {@code DISABLE_SIGNAL_HANDLERS} is in the environment, which the kernel does
 * not give PID 1. A PID 1 that exits panics the kernel, and the kernel drops any signal PID 1 has
 * no handler for: so the native image registers none. The shutdown signals are read from a
 * signalfd instead ({@code SignalWatcher}). In JVM mode nothing loads this class and Quarkus
 * registers no handlers anyway; {@code -Xrs} keeps the JVM's own away.
 */
@TargetClass(ApplicationLifecycleManager.class)
final class NoQuarkusSignalHandlers {
    private NoQuarkusSignalHandlers() {}

    @Substitute
    @SuppressWarnings("unused")
    private static void registerSignalHandlers(BiConsumer<Integer, Throwable> exitCodeHandler) {}
}
