package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.boot.phase.PhaseOutputs.SysctlsApplied;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.NameValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code sysctls}: {@code net.ipv4.ip_forward} is written to {@code /proc/sys/net/ipv4/ip_forward}.
 * After the modules, because a module's parameters (e.g. nf_conntrack_max) only exist once it is
 * loaded.
 */
@ApplicationScoped
public class SetSysctlsPhase implements Phase<SysctlsApplied> {
    private static final PhaseInfo<SysctlsApplied> INFO = PhaseInfo.of("set-sysctls", SysctlsApplied.class)
            .consumes(MergedSpec.class)
            .after(ModulesLoaded.class);

    @Override
    public PhaseInfo<SysctlsApplied> info() {
        return INFO;
    }

    @Override
    public SysctlsApplied run(PhaseInputs inputs) throws BootFailure {
        List<NameValue> sysctls = inputs.get(MergedSpec.class).spec().sysctls();
        for (NameValue sysctl : sysctls) {
            Path file = Path.of("/proc/sys/" + sysctl.name().replace('.', '/'));
            try {
                // No CREATE: a name the kernel does not know must fail, not make a file.
                Files.write(
                        file,
                        sysctl.value().getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new BootFailure("unable to set sysctl " + sysctl.name() + ": " + e.getMessage(), e);
            }
            Console.info("set sysctl %s", sysctl.name());
        }
        return new SysctlsApplied(sysctls.size());
    }
}
