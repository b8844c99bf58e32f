package dev.easyto.init.process;

import java.util.List;

/** A process to start: what to exec, with which environment, where and as whom. */
public record SpawnRequest(String path, List<String> argv, List<String> env, String workingDir, Identity identity) {

    public static SpawnRequest asRoot(String path, List<String> argv, List<String> env) {
        return new SpawnRequest(path, argv, env, "/", Identity.ROOT);
    }
}
