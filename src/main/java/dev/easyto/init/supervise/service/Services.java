package dev.easyto.init.supervise.service;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.fs.Root;
import dev.easyto.init.supervise.Processes;
import dev.easyto.init.supervise.ShutdownGate;
import dev.easyto.init.supervise.SpawnRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The built-in services of supervisor mode, chrony and ssh (upstream-behaviour §4.1-4.5): found
 * from the AMI's markers, each initialized and then started, and restarted 5 s after every exit
 * until the shutdown begins. They run as root with PID 1's environment in {@code /}; the shutdown's
 * SIGTERM to every process stops them.
 */
@ApplicationScoped
public class Services {
    static final Duration RESTART_DELAY = Duration.ofSeconds(5);
    // Upstream's command lines. easyto-assets builds chronyd with its config, run directory and
    // user compiled in (/.easyto/etc/chrony.conf, /.easyto/run/chrony, cb-chrony) and sshd with its
    // privilege separation user and directory (cb-ssh, /.easyto/var/empty), so no more is needed.
    static final List<String> CHRONYD = List.of("/.easyto/sbin/chronyd", "-d");
    static final List<String> SSHD = List.of("/.easyto/sbin/sshd", "-D", "-f", "/.easyto/etc/ssh/sshd_config", "-e");

    private final ImdsClient imds;
    private final Processes processes;
    private final ShutdownGate gate;
    // One timer for every restart delay: restarts are rare and the work after the delay is a spawn.
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "service-restart");
        thread.setDaemon(true);
        return thread;
    });

    public Services(ImdsClient imds, Processes processes, ShutdownGate gate) {
        this.imds = imds;
        this.processes = processes;
        this.gate = gate;
    }

    /**
     * Discovers, initializes and starts the services, in that order, before the main process
     * starts; returns once each has been spawned (or has failed to be). Throws when chrony, a
     * required service, cannot be initialized; ssh is optional.
     */
    public void start(List<String> disabled) throws BootFailure {
        Root root = Root.system();
        start(root, ServiceDiscovery.discover(root, disabled, imds), FileOwner.system(), RESTART_DELAY);
    }

    void start(Root root, EnabledServices enabled, FileOwner owner, Duration restartDelay) throws BootFailure {
        List<String> environment = SpawnRequest.overInitEnvironment(List.of());
        if (enabled.chrony()) {
            try {
                ChronyInit.run(root, owner);
            } catch (IOException | RuntimeException e) {
                throw new BootFailure("unable to initialize chrony: " + describe(e), e);
            }
            supervise("chrony", CHRONYD, environment, restartDelay);
        }
        if (enabled.sshPublicKey().isPresent()) {
            try {
                SshInit.run(root, enabled.sshPublicKey().get(), owner, processes::run, environment);
            } catch (IOException | RuntimeException e) {
                Console.warn("Optional service ssh failed to start: %s", describe(e));
                return;
            }
            supervise("ssh", SSHD, environment, restartDelay);
        }
    }

    /** The JDK's file exceptions carry only the path as their message; their name says what went wrong. */
    private static String describe(Exception e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        return e.getClass() == IOException.class ? message : e.getClass().getSimpleName() + ": " + message;
    }

    private void supervise(String name, List<String> argv, List<String> environment, Duration restartDelay) {
        SpawnRequest command = SpawnRequest.asRoot(argv.getFirst(), argv, environment);
        new ServiceLoop(name, command, processes::spawn, gate, timer, restartDelay).start();
    }
}
