package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SIG_SETMASK;

import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.Linux;
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
    private final Linux linux;

    public ReplaceMode(Linux linux) {
        this.linux = linux;
    }

    /** Returns only by throwing. */
    public void exec(LaunchCommand command) throws HandOverFailure {
        String argv0 = command.argv().getFirst();
        try {
            linux.chdir(command.workingDir());
        } catch (SyscallException e) {
            throw new HandOverFailure(
                    "unable to change to working directory " + command.workingDir() + ": "
                            + Errno.description(e.errno()),
                    e);
        }
        Console.info("execve: %s", argv0);
        SignalSet blocked = linux.sigprocmask(SIG_SETMASK, SignalSet.EMPTY);
        Identity identity = command.identity();
        try {
            if (!identity.isRoot()) {
                identity.assumeOnThisThread(linux);
            }
            linux.closeRangeOnExec(3);
            linux.execve(argv0, command.argv(), Environ.strings(command.env()));
        } catch (SyscallException e) {
            if (!identity.isRoot()) {
                Identity.restoreRoot(linux);
            }
            linux.sigprocmask(SIG_SETMASK, blocked);
            throw new HandOverFailure("execve failed: " + argv0 + ": " + Errno.description(e.errno()), e);
        }
    }
}
