package dev.easyto.init.supervise.service;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.FileErrors;
import dev.easyto.init.fs.FileOwner;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.BoundedRun;
import dev.easyto.init.process.Environ;
import dev.easyto.init.process.InitThreads;
import dev.easyto.init.process.Processes;
import dev.easyto.init.process.SpawnRequest;
import dev.easyto.init.supervise.HandOverFailure;
import dev.easyto.init.supervise.ShutdownGate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The built-in services of supervisor mode, chrony and ssh (docs/behaviour.md §4.1 to §4.5): found
 * from the AMI's markers, each initialized and then started, and restarted 5 s after every exit
 * until the shutdown begins. They run as root with PID 1's environment in {@code /}; the shutdown's
 * SIGTERM to every process stops them.
 */
@ApplicationScoped
public class Services {

    private final ImdsClient imds;
    private final Root root;
    private final FileOwner owner;
    private final SafeFiles files;
    private final Layout layout;
    private final Duration restartDelay;
    private final Processes processes;
    private final ShutdownGate gate;
    // One timer for every restart delay: restarts are rare and the work after the delay is a spawn.
    /**
     * ssh-keygen makes a host key in well under a second (an RSA one in a few under TCG); one that
     * hangs (no entropy, a broken image) must not hold the hand-over, so it is stopped and ssh
     * reported as failed, like any other failure of the optional service.
     */
    static final Duration SSH_KEYGEN_DEADLINE = Duration.ofMinutes(2);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> InitThreads.daemon("service-restart", runnable));

    @Inject
    public Services(
            ImdsClient imds,
            Processes processes,
            ShutdownGate gate,
            Root root,
            FileOwner owner,
            SafeFiles files,
            Layout layout,
            InitConfig config) {
        this(
                imds,
                processes,
                gate,
                root,
                owner,
                files,
                layout,
                config.timeouts().serviceRestart());
    }

    Services(
            ImdsClient imds,
            Processes processes,
            ShutdownGate gate,
            Root root,
            FileOwner owner,
            SafeFiles files,
            Layout layout,
            Duration restartDelay) {
        this.imds = imds;
        this.root = root;
        this.owner = owner;
        this.files = files;
        this.layout = layout;
        this.restartDelay = restartDelay;
        this.processes = processes;
        this.gate = gate;
    }

    /**
     * Discovers, initializes and starts the services, in that order, before the main process
     * starts; returns once each has been spawned (or has failed to be). Throws when chrony, a
     * required service, cannot be initialized; ssh is optional.
     */
    public void start(List<String> disabled) throws HandOverFailure {
        start(root, ServiceDiscovery.discover(root, layout, disabled, imds), owner, restartDelay);
    }

    void start(Root root, EnabledServices enabled, FileOwner owner, Duration restartDelay) throws HandOverFailure {
        List<String> environment = Environ.overInit(List.of());
        if (enabled.chrony()) {
            try {
                ChronyInit.run(root, layout, owner);
            } catch (IOException | RuntimeException e) {
                throw new HandOverFailure("unable to initialize chrony: " + FileErrors.describe(e), e);
            }
            // Upstream's command lines. easyto-assets builds chronyd with its config, run directory and
            // user compiled in (/.easyto/etc/chrony.conf, /.easyto/run/chrony, cb-chrony), so no more is needed.
            supervise("chrony", List.of(layout.chronyd(), "-d"), environment, restartDelay);
        }
        if (enabled.sshPublicKey().isPresent()) {
            try {
                SshInit.run(root, layout, enabled.sshPublicKey().get(), files, this::sshKeygen, environment);
            } catch (IOException | RuntimeException e) {
                Console.warn("Optional service ssh failed to start: %s", FileErrors.describe(e));
                return;
            }
            // sshd has its privilege separation user and directory compiled in (cb-ssh, /.easyto/var/empty).
            supervise("ssh", List.of(layout.sshd(), "-D", "-f", layout.sshdConfig(), "-e"), environment, restartDelay);
        }
    }

    private void supervise(String name, List<String> argv, List<String> environment, Duration restartDelay) {
        SpawnRequest command = SpawnRequest.asRoot(argv.getFirst(), argv, environment);
        new ServiceLoop(name, command, processes::spawn, gate, timer, restartDelay).start();
    }

    private ChildExit sshKeygen(SpawnRequest request) {
        return BoundedRun.run(processes, request, "ssh-keygen", SSH_KEYGEN_DEADLINE, SSH_KEYGEN_DEADLINE);
    }
}
