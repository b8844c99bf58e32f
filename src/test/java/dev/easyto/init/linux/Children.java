package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.P_PID;
import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.WEXITED;
import static dev.easyto.init.linux.LinuxConstants.WNOHANG;
import static dev.easyto.init.linux.LinuxConstants.WNOWAIT;

import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Shell children for tests. A child's output goes to a file: its inherited stdout is surefire's
 * channel to Maven, which stray output would corrupt.
 */
final class Children {
    static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

    private Children() {}

    /** Spawns {@code /bin/sh -c script} with {@code $1} set to {@code output}, and waits for it. */
    static ChildExit sh(String script, Path output, SpawnOptions options) {
        int pid = spawnSh(script, output, options);
        return Ffm.processes().waitid(P_PID, pid, WEXITED);
    }

    static int spawnSh(String script, Path output, SpawnOptions options) {
        return Ffm.processes()
                .posixSpawn(
                        "/bin/sh",
                        List.of("sh", "-c", "exec >\"$1\" 2>&1\n" + script, "sh", output.toString()),
                        ENV,
                        options);
    }

    /** Runs {@code script} and returns what it printed, failing if it did not exit 0. */
    static String output(String script, Path output, SpawnOptions options) throws IOException {
        ChildExit exit = sh(script, output, options);
        String printed = Files.readString(output);
        if (!exit.exited() || exit.status() != 0) {
            throw new AssertionError("child " + exit.describe() + ": " + printed);
        }
        return printed;
    }

    /**
     * Kills and reaps a child a test may have left running. Only while the child is unreaped is its
     * pid sure to be ours: once reaped, the pid may belong to another process.
     */
    static void killAndReap(int pid) {
        try {
            Ffm.processes().waitid(P_PID, pid, WEXITED | WNOHANG | WNOWAIT);
        } catch (SyscallException e) {
            if (e.is(Errno.ECHILD)) {
                return;
            }
            throw e;
        }
        Ffm.signals().kill(pid, SIGKILL);
        Ffm.processes().waitid(P_PID, pid, WEXITED);
    }
}
