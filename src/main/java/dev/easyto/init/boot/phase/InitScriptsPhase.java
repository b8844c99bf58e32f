package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.InitScriptsRun;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.boot.phase.PhaseOutputs.SysctlsApplied;
import dev.easyto.init.boot.phase.PhaseOutputs.VolumesReady;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.BoundedRun;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code init-scripts}, in order, as root in {@code /} with the command's environment, once the
 * kernel is configured and right before the command starts. The kernel runs each through its
 * {@code #!} line. A script that cannot start, fails or is killed stops the boot (upstream Z).
 */
@ApplicationScoped
public class InitScriptsPhase implements Phase<InitScriptsRun> {
    private static final PhaseInfo<InitScriptsRun> INFO = PhaseInfo.of("init-scripts", InitScriptsRun.class)
            .consumes(MergedSpec.class, ResolvedEnv.class)
            .after(ModulesLoaded.class, SysctlsApplied.class, VolumesReady.class, BaseMounts.class);
    private final Processes processes;
    private final Layout layout;
    private final Root root;
    private final InitConfig.Timeouts timeouts;

    public InitScriptsPhase(Processes processes, Layout layout, Root root, InitConfig config) {
        this.timeouts = config.timeouts();
        this.processes = processes;
        this.layout = layout;
        this.root = root;
    }

    @Override
    public PhaseInfo<InitScriptsRun> info() {
        return INFO;
    }

    @Override
    public InitScriptsRun run(PhaseInputs inputs) throws BootFailure {
        List<String> scripts = inputs.get(MergedSpec.class).spec().initScripts();
        List<String> environ = Environ.strings(inputs.get(ResolvedEnv.class).env());
        for (int i = 0; i < scripts.size(); i++) {
            String path = layout.initScript(i);
            Path file = root.resolve(path);
            try {
                AtomicFile.write(file, scripts.get(i).getBytes(StandardCharsets.UTF_8), "rwxr-xr-x");
                runScript(path, environ);
            } catch (IOException e) {
                throw new BootFailure("unable to run init script " + path + ": " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    Console.warn("unable to remove %s: %s", path, e.getMessage());
                }
            }
        }
        return new InitScriptsRun(scripts.size());
    }

    private void runScript(String path, List<String> environ) throws BootFailure {
        ChildExit exit;
        try {
            exit = BoundedRun.run(
                    processes,
                    SpawnRequest.asRoot(path, List.of(path), environ),
                    "init script " + path,
                    timeouts.initScript(),
                    timeouts.stillRunningReport());
        } catch (SyscallException e) {
            throw new BootFailure("unable to run init script " + path + ": " + Errno.description(e.errno()), e);
        } catch (BoundedRun.DeadlineExceeded e) {
            throw new BootFailure(e.getMessage(), e);
        }
        if (!exit.exited() || exit.status() != 0) {
            throw new BootFailure("init script " + path + " " + exit.describe());
        }
        Console.info("init script %s completed", path);
    }
}
