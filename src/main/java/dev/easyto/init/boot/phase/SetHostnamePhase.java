package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.HostnameSet;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;

/**
 * The hostname from IMDS {@code local-hostname}, as upstream's current release sets it: trimmed,
 * skipped when empty, and a failure only warns, since the workload runs fine under the kernel's
 * default name.
 */
@ApplicationScoped
public class SetHostnamePhase implements Phase<HostnameSet> {
    private static final PhaseInfo<HostnameSet> INFO =
            PhaseInfo.of("set-hostname", HostnameSet.class).after(NetworkUp.class);
    static final String PATH = "local-hostname";

    private final ImdsClient imds;
    private final MachineCalls machineCalls;

    public SetHostnamePhase(MachineCalls machineCalls, ImdsClient imds) {
        this.machineCalls = machineCalls;
        this.imds = imds;
    }

    @Override
    public PhaseInfo<HostnameSet> info() {
        return INFO;
    }

    @Override
    public HostnameSet run(PhaseInputs inputs) {
        String hostname;
        try {
            hostname = imds.metadata(PATH).strip();
        } catch (IOException e) {
            Console.warn("unable to get the hostname from IMDS: %s", e.getMessage());
            return new HostnameSet(Optional.empty());
        }
        if (hostname.isEmpty()) {
            Console.warn("IMDS %s is empty, hostname left as it is", PATH);
            return new HostnameSet(Optional.empty());
        }
        try {
            machineCalls.sethostname(hostname);
        } catch (SyscallException | IllegalArgumentException e) {
            Console.warn("unable to set hostname: %s", e.getMessage());
            return new HostnameSet(Optional.empty());
        }
        Console.info("hostname set to %s", hostname);
        return new HostnameSet(Optional.of(hostname));
    }
}
