package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SIG_SETMASK;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.Identity;
import dev.easyto.init.process.LaunchCommand;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code replace-init: true}: the command becomes PID 1 through {@code execve} with exactly the
 * spec's environment (docs/behaviour.md §5). The identity is dropped on this thread only, so if
 * the exec fails this init is still root and can power the machine off.
 */
@ApplicationScoped
public class ReplaceMode {
    private final FileCalls fileCalls;
    private final SignalCalls signalCalls;
    private final ProcessCalls processCalls;

    public ReplaceMode(FileCalls fileCalls, SignalCalls signalCalls, ProcessCalls processCalls) {
        this.fileCalls = fileCalls;
        this.signalCalls = signalCalls;
        this.processCalls = processCalls;
    }

    /** Returns only by throwing. */
    public void exec(LaunchCommand command) throws HandOverFailure {
        String argv0 = command.argv().getFirst();
        try {
            fileCalls.chdir(command.workingDir());
        } catch (SyscallException e) {
            throw new HandOverFailure(
                    "unable to change to working directory " + command.workingDir() + ": "
                            + Errno.description(e.errno()),
                    e);
        }
        Console.info("execve: %s", argv0);
        SignalSet blocked = signalCalls.sigprocmask(SIG_SETMASK, SignalSet.EMPTY);
        Identity identity = command.identity();
        try {
            if (!identity.isRoot()) {
                identity.assumeOnThisThread(processCalls);
            }
            processCalls.closeRangeOnExec(3);
            processCalls.execve(argv0, command.argv(), Environ.strings(command.env()));
        } catch (SyscallException e) {
            if (!identity.isRoot()) {
                Identity.restoreRoot(processCalls);
            }
            signalCalls.sigprocmask(SIG_SETMASK, blocked);
            throw new HandOverFailure("execve failed: " + argv0 + ": " + Errno.description(e.errno()), e);
        }
    }
}
