package dev.easyto.init.spec;

import dev.easyto.init.linux.LinuxConstants;
import java.util.List;

/**
 * The image config with user data merged onto it (docs/behaviour.md §2.4): what the init will
 * do, before environment sources are fetched and {@code $(VAR)} references are expanded.
 */
public record VmSpec(
        List<String> command,
        List<String> args,
        List<NameValue> env,
        List<EnvFrom> envFrom,
        String workingDir,
        long uid,
        long gid,
        boolean readonlyRootFs,
        boolean replaceInit,
        boolean debug,
        List<String> disableServices,
        List<String> modules,
        List<NameValue> sysctls,
        List<Volume> volumes,
        List<String> initScripts,
        long shutdownGracePeriod,
        int stopSignal) {

    /** What the main process is stopped with when the image sets no {@code StopSignal}, as Docker. */
    public static final int DEFAULT_STOP_SIGNAL = LinuxConstants.SIGTERM;

    public static final long DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS = 10;
    public static final String DEFAULT_WORKING_DIR = "/";
}
