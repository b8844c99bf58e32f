package dev.easyto.init.linux.ffm;

import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.MachineCalls;
import dev.easyto.init.linux.MountCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.ProcessCalls;
import dev.easyto.init.linux.SignalCalls;
import dev.easyto.init.linux.SocketCalls;
import java.util.Set;

/**
 * The FFM backend for this machine, one accessor per family: the only backend in JVM mode (the
 * application, dev mode, the tests); {@link FfmBeans} makes each family a CDI bean.
 *
 * <p>Every accessor throws {@link UnsupportedOperationException} on anything but x86_64, where the
 * system call numbers and layouts would be wrong.
 */
public final class Ffm {
    private static final Set<String> SUPPORTED_ARCHITECTURES = Set.of("amd64", "x86_64");

    private static final FileCalls FILES = new FfmFiles();
    private static final MountCalls MOUNTS = new FfmMounts();
    private static final SignalCalls SIGNALS = new FfmSignals();
    private static final SocketCalls SOCKETS = new FfmSockets();
    private static final ProcessCalls PROCESSES = new FfmProcesses();
    private static final MachineCalls MACHINE = new FfmMachine();
    private static final NvmeCalls NVME = new FfmNvme();
    private static final BlockCalls BLOCK = new FfmBlock();

    private Ffm() {}

    public static FileCalls files() {
        return supported(FILES);
    }

    public static MountCalls mounts() {
        return supported(MOUNTS);
    }

    public static SignalCalls signals() {
        return supported(SIGNALS);
    }

    public static SocketCalls sockets() {
        return supported(SOCKETS);
    }

    public static ProcessCalls processes() {
        return supported(PROCESSES);
    }

    public static MachineCalls machine() {
        return supported(MACHINE);
    }

    public static NvmeCalls nvme() {
        return supported(NVME);
    }

    public static BlockCalls block() {
        return supported(BLOCK);
    }

    private static <T> T supported(T calls) {
        String architecture = System.getProperty("os.arch");
        if (!SUPPORTED_ARCHITECTURES.contains(architecture)) {
            throw new UnsupportedOperationException(
                    "system calls are only implemented for x86_64, not " + architecture);
        }
        return calls;
    }
}
