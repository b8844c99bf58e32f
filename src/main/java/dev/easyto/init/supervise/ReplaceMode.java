package dev.easyto.init.supervise;

import static dev.easyto.init.linux.LinuxConstants.SIG_SETMASK;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.Linux;
import dev.easyto.init.linux.SignalSet;
import dev.easyto.init.linux.SyscallException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code replace-init: true}: the command becomes PID 1 through {@code execve} with exactly the
 * spec's environment (upstream-behaviour §5). The identity is dropped on this thread only, so if
 * the exec fails this init is still root and can power the machine off.
 */
@ApplicationScoped
public class ReplaceMode {
    private final Linux linux = Linux.get();

    /** Returns only by throwing. */
    public void exec(LaunchCommand command) throws BootFailure {
        String argv0 = command.argv().getFirst();
        try {
            linux.chdir(command.workingDir());
        } catch (SyscallException e) {
            throw new BootFailure(
                    "unable to change to working directory " + command.workingDir() + ": "
                            + Errno.description(e.errno()),
                    e);
        }
        Console.info("execve: %s", argv0);
        SignalSet blocked = linux.sigprocmask(SIG_SETMASK, SignalSet.EMPTY);
        boolean identityChanged =
                command.uid() != 0 || command.gid() != 0 || !command.groups().isEmpty();
        try {
            if (identityChanged) {
                linux.threadSetgroups(
                        command.groups().stream().mapToLong(Long::longValue).toArray());
                linux.threadSetresgid(command.gid(), command.gid(), 0);
                linux.threadSetresuid(command.uid(), command.uid(), 0);
            }
            linux.closeRangeOnExec(3);
            linux.execve(argv0, command.argv(), SpawnRequest.environ(command.env()));
        } catch (SyscallException e) {
            if (identityChanged) {
                linux.threadSetresuid(0, 0, 0);
                linux.threadSetresgid(0, 0, 0);
                linux.threadSetgroups(new long[0]);
            }
            linux.sigprocmask(SIG_SETMASK, blocked);
            throw new BootFailure("execve failed: " + argv0 + ": " + Errno.description(e.errno()), e);
        }
    }
}
