package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.linux.SyscallException;
import dev.easyto.init.net.DhcpClient;
import dev.easyto.init.net.NetworkSetup;
import dev.easyto.init.net.ResolvConf;
import dev.easyto.init.net.RtNetlink;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * The instance's network (upstream §1.5): loopback, DHCP on the primary ENI named {@code eth0},
 * {@code /etc/resolv.conf}. Everything after it that talks to IMDS or AWS waits for it, and a
 * failure stops the boot: without a network the instance can do nothing it was asked to.
 */
@ApplicationScoped
public class NetworkPhase implements Phase<NetworkUp> {
    private final ImdsClient imds;

    public NetworkPhase(ImdsClient imds) {
        this.imds = imds;
    }

    @Override
    public String name() {
        return "network";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(BaseMounts.class);
    }

    @Override
    public Class<NetworkUp> produces() {
        return NetworkUp.class;
    }

    @Override
    public NetworkUp run(PhaseInputs inputs) throws BootFailure {
        try (RtNetlink rtnetlink = RtNetlink.open()) {
            NetworkSetup setup = new NetworkSetup(
                    rtnetlink,
                    NetworkSetup.overUdp(DhcpClient.DEFAULT_BUDGET),
                    imds,
                    ResolvConf.FILE,
                    NetworkSetup.CARRIER_TIMEOUT);
            NetworkSetup.Result result = setup.run();
            return new NetworkUp(result.interfaceName(), result.address(), result.prefixLength(), result.gateway());
        } catch (IOException | SyscallException | IllegalArgumentException e) {
            // IllegalArgumentException: a netlink reply the parser could not read.
            throw new BootFailure("network: " + e.getMessage(), e);
        }
    }
}
