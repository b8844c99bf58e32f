package dev.easyto.init.spec;

import dev.easyto.init.linux.LinuxConstants;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges user data onto the image config, field by field as docs/behaviour.md §2.4 describes. At
 * each point where upstream's two implementations differ we take the documented (Rust) rule:
 * an absent {@code working-dir} keeps the image's, and volume mounts default to the run-as ids.
 */
public final class SpecMerger {
    private SpecMerger() {}

    public static VmSpec merge(ImageConfig image, RunAs imageUser, UserData user) {
        List<String> command;
        List<String> args;
        if (user.command() != null) {
            // A command from user data replaces the image's whole command line: the image's Cmd
            // was written as arguments for the image's Entrypoint, not for this command.
            command = user.command();
            args = orEmpty(user.args());
        } else {
            command = orEmpty(image.entrypoint());
            args = user.args() != null ? user.args() : orEmpty(image.cmd());
        }

        Security security = user.security();
        long uid = security.runAsUserId() != null ? security.runAsUserId() : imageUser.uid();
        long gid = security.runAsGroupId() != null ? security.runAsGroupId() : imageUser.gid();

        String workingDir = user.workingDir() != null
                ? user.workingDir()
                : image.workingDir() != null ? image.workingDir() : VmSpec.DEFAULT_WORKING_DIR;

        List<NameValue> env = mergeByName(orEmpty(image.env()), user.env());
        List<EnvFrom> envFrom = orEmpty(user.envFrom());
        FetchedReferences fetched = FetchedReferences.of(env, envFrom);
        List<Volume> volumes = new ArrayList<>();
        for (Volume volume : orEmpty(user.volumes())) {
            // A template that can receive a fetched value may hold a secret: owner only by default.
            volumes.add(
                    volume instanceof Volume.Template template
                            ? template.withMountDefaults(uid, gid, fetched.reachedFrom(template.variables()))
                            : volume.withMountDefaults(uid, gid));
        }

        return new VmSpec(
                command,
                args,
                env,
                envFrom,
                workingDir,
                uid,
                gid,
                Boolean.TRUE.equals(security.readonlyRootFs()),
                Boolean.TRUE.equals(user.replaceInit()),
                Boolean.TRUE.equals(user.debug()),
                orEmpty(user.disableServices()),
                orEmpty(user.modules()),
                orEmpty(user.sysctls()),
                List.copyOf(volumes),
                orEmpty(user.initScripts()),
                user.shutdownGracePeriod() != null
                        ? user.shutdownGracePeriod()
                        : VmSpec.DEFAULT_SHUTDOWN_GRACE_PERIOD_SECONDS,
                stopSignal(image.stopSignal()));
    }

    /** The image's StopSignal as a number, SIGTERM when it sets none. */
    static int stopSignal(String image) {
        if (image == null) {
            return VmSpec.DEFAULT_STOP_SIGNAL;
        }
        // ImageConfigReader refuses an unknown signal, so only an ImageConfig made by hand gets here.
        return LinuxConstants.signalNumber(image)
                .orElseThrow(() -> new IllegalArgumentException("unknown stop signal \"" + image + "\""));
    }

    /**
     * Base entries whose name the override does not mention keep their order; then every override
     * entry in its own order.
     */
    public static List<NameValue> mergeByName(List<NameValue> base, List<NameValue> override) {
        if (override == null) {
            return base;
        }
        Set<String> overridden = new HashSet<>();
        override.forEach(nv -> overridden.add(nv.name()));
        List<NameValue> merged = new ArrayList<>();
        for (NameValue nv : base) {
            if (!overridden.contains(nv.name())) {
                merged.add(nv);
            }
        }
        merged.addAll(override);
        return List.copyOf(merged);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
