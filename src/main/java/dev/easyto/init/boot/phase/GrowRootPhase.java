package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.RootGrown;
import dev.easyto.init.boot.phase.PhaseOutputs.RootGrown.Outcome;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.disk.RootGrowthException;
import dev.easyto.init.disk.RootVolume;
import dev.easyto.init.linux.BlockCalls;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.BoundedRun;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code grow-root}: an instance launched with a root volume larger than its image gets the
 * space, as upstream and cloud-init's growpart give it (upstream-behaviour §1.6). Needs only
 * {@code /sys}, {@code /dev} and {@code /proc}, so it runs beside the network and the user data.
 * A failure is not fatal (the workload runs on the image's size, as it would have upstream, whose
 * Zig release ignores resize errors): it warns and is noted in the boot trace.
 */
@ApplicationScoped
public class GrowRootPhase implements Phase<RootGrown> {
    private static final PhaseInfo<RootGrown> INFO =
            PhaseInfo.of("grow-root", RootGrown.class).after(BaseMounts.class);

    private final RootVolume volume;
    private final Processes processes;
    private final Layout layout;
    private final InitConfig.Timeouts timeouts;

    public GrowRootPhase(BlockCalls blockCalls, Processes processes, Layout layout, InitConfig config) {
        this.volume = new RootVolume(blockCalls, Path.of("/sys"), Path.of("/proc/self/mounts"), "/dev");
        this.processes = processes;
        this.layout = layout;
        this.timeouts = config.timeouts();
    }

    @Override
    public PhaseInfo<RootGrown> info() {
        return INFO;
    }

    @Override
    public RootGrown run(PhaseInputs inputs) {
        RootVolume.Result result;
        try {
            result = volume.grow(this::resize2fs);
        } catch (RootGrowthException e) {
            Console.warn("root volume not grown: %s", e.getMessage());
            return new RootGrown(Outcome.FAILED, e.getMessage());
        }
        return switch (result) {
            case RootVolume.Grew(String detail) -> {
                Console.info("root volume: %s", detail);
                yield new RootGrown(Outcome.GREW, detail);
            }
            case RootVolume.Nothing(String reason) -> {
                Console.info("root volume: nothing to grow: %s", reason);
                yield new RootGrown(Outcome.NOTHING, reason);
            }
        };
    }

    private void resize2fs(String device) throws RootGrowthException {
        String program = layout.resize2fs();
        ChildExit exit;
        try {
            exit = BoundedRun.run(
                    processes,
                    SpawnRequest.asRoot(program, List.of(program, device), Environ.overInit(List.of())),
                    "resize2fs " + device,
                    timeouts.resize2fs(),
                    timeouts.stillRunningReport());
        } catch (BoundedRun.DeadlineExceeded e) {
            throw new RootGrowthException("the partition grew but not its filesystem: " + e.getMessage(), e);
        } catch (SyscallException e) {
            throw new RootGrowthException(
                    "the partition grew but not its filesystem: " + program + ": " + Errno.description(e.errno()), e);
        }
        if (!exit.exited() || exit.status() != 0) {
            throw new RootGrowthException("the partition grew but not its filesystem: resize2fs " + exit.describe());
        }
    }
}
