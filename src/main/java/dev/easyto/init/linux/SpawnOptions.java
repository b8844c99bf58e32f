package dev.easyto.init.linux;

/**
 * What {@code posix_spawn} sets up in the child before it executes the program.
 *
 * @param workingDirectory the child's working directory, or null to keep the parent's
 * @param newSession whether the child leads a new session (and so a new process group), detached
 *     from the init's controlling terminal
 * @param resetSignals whether the child starts with no signal blocked and every signal at its
 *     default action, whatever the spawning thread blocked or the process ignored. Without it the
 *     child also keeps glibc's two internal signals (32 and 33) ignored, as glibc's posix_spawn
 *     sets them.
 */
public record SpawnOptions(String workingDirectory, boolean newSession, boolean resetSignals) {
    public static final SpawnOptions DEFAULT = new SpawnOptions(null, true, true);

    public SpawnOptions inDirectory(String directory) {
        return new SpawnOptions(directory, newSession, resetSignals);
    }
}
