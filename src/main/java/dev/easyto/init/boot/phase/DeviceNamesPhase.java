package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.DeviceNamesReady;
import dev.easyto.init.disk.DeviceLinker;
import dev.easyto.init.disk.UeventListener;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.NvmeCalls;
import dev.easyto.init.linux.SocketCalls;
import dev.easyto.init.log.Console;
import dev.easyto.init.log.Failures;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code device-names}: EC2 device names for Amazon NVMe disks (upstream-behaviour §3.4), as early
 * as {@code /sys} and {@code /dev} are there. The uevent listener starts first, so a disk that
 * appears during the scan is not missed (one met twice gets the same links). Never fails the boot:
 * a device that cannot be named is logged, and without the listener only later disks lack names.
 *
 * <p>In replace-init mode the listener ends with the init at {@code execve}, as upstream's does:
 * keeping it would take a process of its own, and the command can run its own.
 */
@ApplicationScoped
public class DeviceNamesPhase implements Phase<DeviceNamesReady> {
    private static final PhaseInfo<DeviceNamesReady> INFO =
            PhaseInfo.of("device-names", DeviceNamesReady.class).after(BaseMounts.class);

    private final Root root;
    private final FileCalls fileCalls;
    private final NvmeCalls nvmeCalls;
    private final SocketCalls socketCalls;

    public DeviceNamesPhase(Root root, FileCalls fileCalls, NvmeCalls nvmeCalls, SocketCalls socketCalls) {
        this.root = root;
        this.fileCalls = fileCalls;
        this.nvmeCalls = nvmeCalls;
        this.socketCalls = socketCalls;
    }

    @Override
    public PhaseInfo<DeviceNamesReady> info() {
        return INFO;
    }

    @Override
    public DeviceNamesReady run(PhaseInputs inputs) {
        DeviceLinker linker = new DeviceLinker(root, fileCalls, nvmeCalls);
        boolean listening = startListener(linker);
        DeviceLinker.Summary summary = linker.linkPresent();
        Console.info(
                "device names: %d block devices, %d Amazon NVMe, %d links%s",
                summary.devices(),
                summary.amazonDisks(),
                summary.links(),
                listening ? "; listening for devices added later" : "");
        return new DeviceNamesReady(summary.devices(), summary.amazonDisks(), summary.links(), listening);
    }

    private boolean startListener(DeviceLinker linker) {
        UeventListener listener;
        try {
            listener = UeventListener.open(socketCalls, fileCalls);
        } catch (RuntimeException e) {
            Console.warn(
                    "device names: no uevent listener, disks added later get no EC2 names: %s", Failures.describe(e));
            return false;
        }
        listener.start(linker::added);
        return true;
    }
}
