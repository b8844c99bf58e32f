package dev.easyto.init.net;

import dev.easyto.init.linux.FileCalls;
import dev.easyto.init.linux.SocketCalls;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The machine's network: rtnetlink for the links, the init's own DHCP client over UDP. */
@ApplicationScoped
public class KernelNetwork implements NetworkAccess {
    private final SocketCalls socketCalls;
    private final FileCalls fileCalls;

    public KernelNetwork(SocketCalls socketCalls, FileCalls fileCalls) {
        this.socketCalls = socketCalls;
        this.fileCalls = fileCalls;
    }

    @Override
    public LinkControl openLinks() {
        return RtNetlink.open(socketCalls, fileCalls);
    }

    @Override
    public NetworkSetup.Dhcp dhcp(Duration budget) {
        return NetworkSetup.overUdp(socketCalls, fileCalls, budget);
    }
}
