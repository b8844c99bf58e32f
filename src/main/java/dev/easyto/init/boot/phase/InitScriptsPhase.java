package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.InitScriptsRun;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.boot.phase.PhaseOutputs.SysctlsApplied;
import dev.easyto.init.boot.phase.PhaseOutputs.VolumesReady;
import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.linux.Errno;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.supervise.Processes;
import dev.easyto.init.supervise.SpawnRequest;
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
    static final String DIRECTORY = "/.easyto/run";

    private final Processes processes;

    public InitScriptsPhase(Processes processes) {
        this.processes = processes;
    }

    @Override
    public String name() {
        return "init-scripts";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(
                VmSpec.class,
                ResolvedEnv.class,
                ModulesLoaded.class,
                SysctlsApplied.class,
                VolumesReady.class,
                BaseMounts.class);
    }

    @Override
    public Class<InitScriptsRun> produces() {
        return InitScriptsRun.class;
    }

    @Override
    public InitScriptsRun run(PhaseInputs inputs) throws BootFailure {
        List<String> scripts = inputs.get(VmSpec.class).initScripts();
        List<String> environ =
                SpawnRequest.environ(inputs.get(ResolvedEnv.class).env());
        for (int i = 0; i < scripts.size(); i++) {
            String path = DIRECTORY + "/init-" + i;
            Path file = Path.of(path);
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
            exit = processes.run(SpawnRequest.asRoot(path, List.of(path), environ));
        } catch (SyscallException e) {
            throw new BootFailure("unable to run init script " + path + ": " + Errno.description(e.errno()), e);
        }
        if (!exit.exited() || exit.status() != 0) {
            throw new BootFailure("init script " + path + " " + exit.describe());
        }
        Console.info("init script %s completed", path);
    }
}
