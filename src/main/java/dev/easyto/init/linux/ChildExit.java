package dev.easyto.init.linux;

import static dev.easyto.init.linux.LinuxConstants.CLD_CONTINUED;
import static dev.easyto.init.linux.LinuxConstants.CLD_DUMPED;
import static dev.easyto.init.linux.LinuxConstants.CLD_EXITED;
import static dev.easyto.init.linux.LinuxConstants.CLD_KILLED;
import static dev.easyto.init.linux.LinuxConstants.CLD_STOPPED;
import static dev.easyto.init.linux.LinuxConstants.CLD_TRAPPED;

/**
 * How a child changed state, as {@code waitid} reports it.
 *
 * @param code {@code CLD_EXITED}, {@code CLD_KILLED} or {@code CLD_DUMPED} (or, when stops were
 *     asked for, {@code CLD_STOPPED}, {@code CLD_TRAPPED} or {@code CLD_CONTINUED})
 * @param status the exit status for {@code CLD_EXITED}, otherwise the signal number
 */
public record ChildExit(int pid, int code, int status) {
    public boolean exited() {
        return code == CLD_EXITED;
    }

    /** Ended by a signal, whether or not it dumped core. */
    public boolean killed() {
        return code == CLD_KILLED || code == CLD_DUMPED;
    }

    /** {@code "exited with status 3"}, {@code "killed by signal SIGKILL"}. */
    public String describe() {
        String signal = LinuxConstants.signalName(status);
        return switch (code) {
            case CLD_EXITED -> "exited with status " + status;
            case CLD_KILLED -> "killed by signal " + signal;
            case CLD_DUMPED -> "killed by signal " + signal + " (core dumped)";
            case CLD_STOPPED -> "stopped by signal " + signal;
            case CLD_TRAPPED -> "trapped by signal " + signal;
            case CLD_CONTINUED -> "continued";
            default -> "changed state (si_code " + code + ", status " + status + ")";
        };
    }
}
