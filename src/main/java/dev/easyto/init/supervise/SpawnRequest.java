package dev.easyto.init.supervise;

import dev.easyto.init.spec.NameValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process to start: what to exec, with which environment, where and as whom. {@code groups}
 * are the supplementary groups; root with no groups means "keep PID 1's identity".
 */
public record SpawnRequest(
        String path, List<String> argv, List<String> env, String workingDir, long uid, long gid, List<Long> groups) {

    public static SpawnRequest asRoot(String path, List<String> argv, List<String> env) {
        return new SpawnRequest(path, argv, env, "/", 0, 0, List.of());
    }

    boolean changesIdentity() {
        return uid != 0 || gid != 0 || !groups.isEmpty();
    }

    long[] groupArray() {
        return groups.stream().mapToLong(Long::longValue).toArray();
    }

    /** PID 1's own environment (what the kernel passed) overlaid by {@code env}, which wins by name. */
    public static List<String> overInitEnvironment(List<NameValue> env) {
        Map<String, String> inherited = new TreeMap<>(SignalMask.initEnvironment());
        env.forEach(nv -> inherited.remove(nv.name()));
        List<String> environ = new ArrayList<>();
        inherited.forEach((name, value) -> environ.add(name + "=" + value));
        environ.addAll(environ(env));
        return environ;
    }

    /** {@code NAME=value} strings, in order; with duplicate names the process sees the last. */
    public static List<String> environ(List<NameValue> env) {
        List<String> environ = new ArrayList<>(env.size());
        env.forEach(nv -> environ.add(nv.name() + "=" + nv.value()));
        return environ;
    }
}
