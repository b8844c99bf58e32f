package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.CLD_KILLED;
import static dev.easyto.init.linux.LinuxConstants.P_PID;
import static dev.easyto.init.linux.LinuxConstants.SIGKILL;
import static dev.easyto.init.linux.LinuxConstants.SIGTERM;
import static dev.easyto.init.linux.LinuxConstants.SIG_BLOCK;
import static dev.easyto.init.linux.LinuxConstants.WEXITED;
import static dev.easyto.init.linux.LinuxConstants.WNOHANG;
import static dev.easyto.init.linux.LinuxConstants.WNOWAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** posix_spawn, waitid and kill, on children of the test JVM. */
class SpawnTest {
    static final long SIGTERM_BIT = 1L << (SIGTERM - 1);

    final FileCalls fileCalls = Ffm.files();
    final SignalCalls signalCalls = Ffm.signals();
    final ProcessCalls processCalls = Ffm.processes();

    @TempDir
    Path dir;

    @Test
    void waitidReportsTheExitStatus() {
        int pid = processCalls.posixSpawn("/bin/sh", List.of("sh", "-c", "exit 3"), Children.ENV, SpawnOptions.DEFAULT);
        ChildExit exit = processCalls.waitid(P_PID, pid, WEXITED);
        assertEquals(new ChildExit(pid, CLD_EXITED, 3), exit);
        assertEquals("exited with status 3", exit.describe());
    }

    @Test
    void childGetsExactlyTheGivenArgumentsAndEnvironment() throws IOException {
        Path out = dir.resolve("out");
        int pid = processCalls.posixSpawn(
                "/bin/sh",
                List.of(
                        "sh",
                        "-c",
                        "printf '%s|%s|%s' \"$1\" \"$GREETING\" \"${HOME-unset}\" > \"$0\"",
                        out.toString(),
                        "two words"),
                List.of("GREETING=hello world"),
                SpawnOptions.DEFAULT);
        assertEquals(CLD_EXITED, processCalls.waitid(P_PID, pid, WEXITED).code());
        assertEquals("two words|hello world|unset", Files.readString(out));
    }

    @Test
    void workingDirectory() throws IOException {
        Path work = Files.createDirectory(dir.resolve("work dir"));
        String printed = Children.output("pwd", dir.resolve("out"), SpawnOptions.DEFAULT.inDirectory(work.toString()));
        assertEquals(work.toRealPath() + "\n", printed);
    }

    @Test
    void descriptorsAboveStderrAreNotInherited() throws IOException {
        Path file = Files.writeString(dir.resolve("held"), "x");
        // Opened without O_CLOEXEC, as much of the JVM opens its files.
        int fd = fileCalls.open(file.toString(), LinuxConstants.O_RDONLY, 0);
        try {
            String printed = Children.output(
                    "if [ -e /proc/self/fd/" + fd + " ]; then echo leaked; else echo closed; fi",
                    dir.resolve("out"),
                    SpawnOptions.DEFAULT);
            assertEquals("closed\n", printed);
        } finally {
            fileCalls.close(fd);
        }
    }

    @Test
    void closeRangeOnExecMarksDescriptorsWithoutClosingThem() throws IOException {
        Path file = Files.writeString(dir.resolve("held"), "x");
        int fd = fileCalls.open(file.toString(), LinuxConstants.O_RDONLY, 0);
        try {
            assertEquals(0, openFlags(fd) & LinuxConstants.O_CLOEXEC);
            processCalls.closeRangeOnExec(fd);
            // Still open, now close-on-exec.
            assertEquals(LinuxConstants.O_CLOEXEC, openFlags(fd) & LinuxConstants.O_CLOEXEC);
        } finally {
            fileCalls.close(fd);
        }
    }

    private static long openFlags(int fd) throws IOException {
        String flags = Files.readString(Path.of("/proc/self/fdinfo/" + fd))
                .lines()
                .filter(line -> line.startsWith("flags:"))
                .findFirst()
                .orElseThrow();
        return Long.parseLong(flags.substring("flags:".length()).strip(), 8);
    }

    @Test
    void missingWorkingDirectoryFailsTheSpawn() {
        SpawnOptions options =
                SpawnOptions.DEFAULT.inDirectory(dir.resolve("missing").toString());
        SyscallException e = assertThrows(
                SyscallException.class,
                () -> processCalls.posixSpawn("/bin/true", List.of("true"), Children.ENV, options));
        assertEquals("posix_spawn(\"/bin/true\"): ENOENT (No such file or directory)", e.getMessage());
    }

    @Test
    void newSessionMakesTheChildASessionLeader() throws IOException {
        Path out = dir.resolve("out");
        int pid = Children.spawnSh("cat /proc/$$/stat", out, SpawnOptions.DEFAULT);
        assertEquals(CLD_EXITED, processCalls.waitid(P_PID, pid, WEXITED).code());
        String[] fields = Proc.statFields(Files.readString(out));
        assertEquals(String.valueOf(pid), fields[2], "process group");
        assertEquals(String.valueOf(pid), fields[3], "session");
    }

    @Test
    void withoutNewSessionTheChildStaysInOurs() throws IOException {
        Path out = dir.resolve("out");
        int pid = Children.spawnSh("cat /proc/$$/stat", out, new SpawnOptions(null, false, true));
        assertEquals(CLD_EXITED, processCalls.waitid(P_PID, pid, WEXITED).code());
        String ourSession = Proc.statFields(Files.readString(Path.of("/proc/self/stat")))[3];
        String[] fields = Proc.statFields(Files.readString(out));
        assertEquals(ourSession, fields[3]);
        assertNotEquals(String.valueOf(pid), fields[3]);
    }

    @Test
    void resetSignalsClearsTheMaskTheSpawningThreadHad() throws Exception {
        String[][] signals = DedicatedThread.call(() -> {
            signalCalls.sigprocmask(SIG_BLOCK, SignalSet.of(SIGTERM));
            return new String[][] {childSignals(SpawnOptions.DEFAULT), childSignals(new SpawnOptions(null, true, false))
            };
        });
        assertEquals("0000000000000000", signals[0][0], "blocked");
        assertEquals("0000000000000000", signals[0][1], "ignored");
        long blocked = Long.parseUnsignedLong(signals[1][0], 16);
        assertEquals(SIGTERM_BIT, blocked & SIGTERM_BIT, "without resetSignals the child inherits the mask");
    }

    /**
     * The signals a child blocks and ignores once it runs its program. posix_spawn returns after
     * the child's execve, so the status is the program's. A shell would not do: dash clears its
     * mask itself.
     */
    private String[] childSignals(SpawnOptions options) {
        int pid = processCalls.posixSpawn("/bin/sleep", List.of("sleep", "30"), Children.ENV, options);
        try {
            String status = "/proc/" + pid + "/status";
            return new String[] {Proc.status(status, "SigBlk"), Proc.status(status, "SigIgn")};
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void missingProgram() {
        SyscallException e = assertThrows(
                SyscallException.class,
                () -> processCalls.posixSpawn(
                        "/nonexistent/program", List.of("program"), Children.ENV, SpawnOptions.DEFAULT));
        assertEquals("posix_spawn(\"/nonexistent/program\"): ENOENT (No such file or directory)", e.getMessage());
        assertEquals("posix_spawn", e.call());
    }

    @Test
    void killedChild() {
        int pid = processCalls.posixSpawn("/bin/sleep", List.of("sleep", "30"), Children.ENV, SpawnOptions.DEFAULT);
        try {
            assertNull(processCalls.waitid(P_PID, pid, WEXITED | WNOHANG), "still running");
            signalCalls.kill(pid, SIGKILL);
            // WNOWAIT leaves the child waitable, so the second waitid sees the same exit.
            ChildExit peeked = processCalls.waitid(P_PID, pid, WEXITED | WNOWAIT);
            ChildExit exit = processCalls.waitid(P_PID, pid, WEXITED);
            assertEquals(new ChildExit(pid, CLD_KILLED, SIGKILL), exit);
            assertEquals(exit, peeked);
            assertTrue(exit.killed());
            assertEquals("killed by signal SIGKILL", exit.describe());
        } finally {
            Children.killAndReap(pid);
        }
    }

    @Test
    void killErrors() {
        SyscallException e = assertThrows(SyscallException.class, () -> signalCalls.kill(2_000_000_000, SIGTERM));
        assertEquals("kill(2000000000, SIGTERM): ESRCH (No such process)", e.getMessage());
        assertTrue(e.is(Errno.ESRCH));
    }

    @Test
    void waitingForANonChild() {
        SyscallException e =
                assertThrows(SyscallException.class, () -> processCalls.waitid(P_PID, 1, WEXITED | WNOHANG));
        assertEquals("waitid(P_PID, 1, 0x5): ECHILD (No child processes)", e.getMessage());
    }

    @Test
    void argumentsWithNulAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> processCalls.posixSpawn("/bin/sh\0x", List.of("sh"), Children.ENV, SpawnOptions.DEFAULT));
        assertThrows(
                IllegalArgumentException.class,
                () -> processCalls.posixSpawn(
                        "/bin/true", List.of("true", "a\0b"), Children.ENV, SpawnOptions.DEFAULT));
    }

    @Test
    void execveOfAMissingProgramFailsWithoutReplacingTheJvm() {
        SyscallException e = assertThrows(
                SyscallException.class,
                () -> processCalls.execve("/nonexistent/program", List.of("program"), Children.ENV));
        assertEquals("execve(\"/nonexistent/program\"): ENOENT (No such file or directory)", e.getMessage());
    }
}
