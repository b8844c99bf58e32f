package dev.easyto.init.boot.phase;

import static dev.easyto.init.linux.LinuxConstants.O_CLOEXEC;
import static dev.easyto.init.linux.LinuxConstants.O_TRUNC;
import static dev.easyto.init.linux.LinuxConstants.O_WRONLY;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.boot.phase.PhaseOutputs.SysctlsApplied;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.NameValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code sysctls}: {@code net.ipv4.ip_forward} is written to {@code /proc/sys/net/ipv4/ip_forward}.
 * After the modules, because a module's parameters (e.g. nf_conntrack_max) only exist once it is
 * loaded. The kernel's files, so written through {@link FileCalls} and never under the image root.
 */
@ApplicationScoped
public class SetSysctlsPhase implements Phase<SysctlsApplied> {
    private static final PhaseInfo<SysctlsApplied> INFO = PhaseInfo.of("set-sysctls", SysctlsApplied.class)
            .consumes(MergedSpec.class)
            .after(ModulesLoaded.class);

    private final FileCalls fileCalls;

    public SetSysctlsPhase(FileCalls fileCalls) {
        this.fileCalls = fileCalls;
    }

    @Override
    public PhaseInfo<SysctlsApplied> info() {
        return INFO;
    }

    @Override
    public SysctlsApplied run(PhaseInputs inputs) throws BootFailure {
        List<NameValue> sysctls = inputs.get(MergedSpec.class).spec().sysctls();
        for (NameValue sysctl : sysctls) {
            String file = "/proc/sys/" + sysctl.name().replace('.', '/');
            byte[] value = sysctl.value().getBytes(StandardCharsets.UTF_8);
            try {
                // No O_CREAT: a name the kernel does not know must fail, not make a file.
                int fd = fileCalls.open(file, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
                try {
                    // A /proc/sys file takes its value in one write or refuses it.
                    int written = fileCalls.write(fd, value, value.length);
                    if (written != value.length) {
                        throw new BootFailure("unable to set sysctl " + sysctl.name() + ": the kernel took " + written
                                + " of " + value.length + " bytes");
                    }
                } finally {
                    fileCalls.close(fd);
                }
            } catch (SyscallException e) {
                throw new BootFailure("unable to set sysctl " + sysctl.name() + ": " + e.getMessage(), e);
            }
            Console.info("set sysctl %s", sysctl.name());
        }
        return new SysctlsApplied(sysctls.size());
    }
}
