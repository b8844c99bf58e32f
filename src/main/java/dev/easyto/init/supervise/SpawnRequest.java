package dev.easyto.init.supervise;

import dev.easyto.init.spec.NameValue;
import java.util.ArrayList;
import java.util.List;

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

    /** {@code NAME=value} strings, in order; with duplicate names the process sees the last. */
    public static List<String> environ(List<NameValue> env) {
        List<String> environ = new ArrayList<>(env.size());
        env.forEach(nv -> environ.add(nv.name() + "=" + nv.value()));
        return environ;
    }
}
