package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.config.InitConfig;
import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.net.LinkControl;
import dev.easyto.init.net.NetworkAccess;
import dev.easyto.init.net.NetworkSetup;
import dev.easyto.init.net.ResolvConf;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * The instance's network (docs/behaviour.md §1.5): loopback, DHCP on the primary ENI named {@code eth0},
 * {@code /etc/resolv.conf}. Everything after it that talks to IMDS or AWS waits for it, and a
 * failure stops the boot: without a network the instance can do nothing it was asked to.
 */
@ApplicationScoped
public class NetworkPhase implements Phase<NetworkUp> {
    private static final PhaseInfo<NetworkUp> INFO =
            PhaseInfo.of("network", NetworkUp.class).after(BaseMounts.class);
    private final ImdsClient imds;
    private final NetworkAccess network;
    private final Root root;
    private final InitConfig.Timeouts timeouts;

    public NetworkPhase(NetworkAccess network, ImdsClient imds, Root root, InitConfig config) {
        this.network = network;
        this.imds = imds;
        this.root = root;
        this.timeouts = config.timeouts();
    }

    @Override
    public PhaseInfo<NetworkUp> info() {
        return INFO;
    }

    @Override
    public NetworkUp run(PhaseInputs inputs) throws BootFailure {
        try (LinkControl links = network.openLinks()) {
            NetworkSetup setup = new NetworkSetup(
                    links,
                    network.dhcp(timeouts.dhcp()),
                    imds,
                    root.resolve(ResolvConf.FILE.toString()),
                    timeouts.carrier());
            NetworkSetup.Result result = setup.run();
            return new NetworkUp(result.interfaceName(), result.address(), result.prefixLength(), result.gateway());
        } catch (IOException | SyscallException | IllegalArgumentException e) {
            // IllegalArgumentException: a netlink reply the parser could not read.
            throw new BootFailure("network: " + e.getMessage(), e);
        }
    }
}
