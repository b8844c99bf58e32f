package dev.easyto.init.process;

import dev.easyto.init.spec.NameValue;
import io.quarkus.runtime.ImageMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PID 1's own environment, and the {@code NAME=value} strings {@code execve} and spawns take. The
 * only place the init reads its environment directly; settings come through {@code InitConfig}.
 */
public final class Environ {
    /**
     * Set in the environment of the re-executed init (the signal take-over) so that it knows its
     * mask is in place; removed from everything the init passes on.
     */
    public static final String REEXEC_MARKER = "EASYTO_INIT_SIGNALS_BLOCKED";

    private static final String LIBRARY_PATH = "LD_LIBRARY_PATH";

    private Environ() {}

    /** Whether this process is the init re-executed by the signal take-over. */
    public static boolean reexecuted() {
        return System.getenv(REEXEC_MARKER) != null;
    }

    /**
     * PID 1's environment as the kernel gave it, without our marker, and without the
     * {@code LD_LIBRARY_PATH} that only let the init find its own libraries: started as PID 1 it
     * needs one while {@code /proc} (and so {@code $ORIGIN}) is missing, and the workload must not
     * inherit it.
     */
    public static Map<String, String> ofInit() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(REEXEC_MARKER);
        String libraryPath = env.get(LIBRARY_PATH);
        if (libraryPath != null && libraryPath.equals(ownLibraries())) {
            env.remove(LIBRARY_PATH);
        }
        return env;
    }

    /**
     * Where the init's own shared libraries are: the JVM's {@code lib}, or for a native executable
     * the {@code lib} beside it, where a dynamically linked build keeps the few it needs ({@code
     * $ORIGIN/lib}; a static one needs none). Null when that cannot be told (no {@code /proc}).
     */
    private static String ownLibraries() {
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            return Path.of(System.getProperty("java.home"), "lib").toString();
        }
        try {
            return Path.of("/proc/self/exe").toRealPath().resolveSibling("lib").toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code NAME=value} strings, in order; with duplicate names the process sees the last. */
    public static List<String> strings(List<NameValue> env) {
        List<String> environ = new ArrayList<>(env.size());
        env.forEach(nv -> environ.add(nv.name() + "=" + nv.value()));
        return environ;
    }

    /** {@code NAME=value} strings of a map, sorted by name so that spawns see a stable order. */
    public static List<String> strings(Map<String, String> env) {
        List<NameValue> sorted = new ArrayList<>(env.size());
        new TreeMap<>(env).forEach((name, value) -> sorted.add(new NameValue(name, value)));
        return strings(sorted);
    }

    /** PID 1's own environment overlaid by {@code env}, which wins by name. */
    public static List<String> overInit(List<NameValue> env) {
        Map<String, String> inherited = ofInit();
        env.forEach(nv -> inherited.remove(nv.name()));
        List<String> environ = strings(inherited);
        environ.addAll(strings(env));
        return environ;
    }
}
