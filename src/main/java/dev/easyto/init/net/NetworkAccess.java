package dev.easyto.init.net;

import java.io.IOException;
import java.time.Duration;

/**
 * What network bring-up drives: the links of the instance's network namespace and a DHCP client on
 * one of them. On a machine these are rtnetlink and DHCP over UDP ({@link KernelNetwork}); a bean,
 * so that dev mode's rehearsal can stand in for the kernel while {@link NetworkSetup}'s own
 * decisions (which link, which name, which lease) still run.
 */
public interface NetworkAccess {

    /** The links, open until closed: rtnetlink holds a socket. */
    LinkControl openLinks() throws IOException;

    /** A DHCP client that gives each exchange {@code budget}. */
    NetworkSetup.Dhcp dhcp(Duration budget);
}
