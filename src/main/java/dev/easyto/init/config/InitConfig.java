package dev.easyto.init.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything about the init that is set rather than computed, in one place: where the easyto
 * layout lives, how long each wait may take, test mode and the IMDS endpoint. Values come from
 * {@code application.properties} (with {@code %dev} and {@code %test} profiles) and from PID 1's
 * environment, which the kernel fills from its command line ({@code EASYTO_TEST_MODE=1}).
 */
@ConfigMapping(prefix = "easyto")
public interface InitConfig {

    /** The directory easyto builds into every AMI; every path of {@link Layout} is under it. */
    @WithDefault("/.easyto")
    String home();

    /**
     * Present (with any value) when the kernel command line has {@code EASYTO_TEST_MODE}: the
     * console moves to the serial port, where upstream's test harness reads it.
     */
    Optional<String> testMode();

    /** IMDS, by the AWS SDKs' own override, which upstream's tests use to point at their mock. */
    @WithDefault("${AWS_EC2_METADATA_SERVICE_ENDPOINT:http://169.254.169.254}")
    String imdsEndpoint();

    /**
     * Where to keep a copy of the boot trace beyond the tmpfs (which the shutdown unmounts): a test
     * harness's output directory, or a disk someone wants to read the trace from afterwards.
     */
    Optional<String> traceCopy();

    Timeouts timeouts();

    /** How long each wait of the init may take. */
    interface Timeouts {
        /** Waiting for a NIC's carrier after setting it up. */
        @WithDefault("10s")
        Duration carrier();

        /** A whole DHCP exchange (discover to ack, with retransmissions). */
        @WithDefault("15s")
        Duration dhcp();

        /**
         * Overrides the deadline of every IMDS call, {@code RetryPolicy.IMDS}'s (where the figure
         * and its reasons are): for tests, whose client must fail fast when made by mistake.
         */
        Optional<Duration> imds();

        /**
         * How long one init script may run before the boot stops it and fails (upstream: no limit;
         * a script that hangs would hold the instance up without a word).
         */
        @WithDefault("30m")
        Duration initScript();

        /** How long one modprobe may run (a module whose init hangs) before the boot fails. */
        @WithDefault("2m")
        Duration modprobe();

        /**
         * How long blkid or mkfs may run on one EBS volume (mkfs.btrfs discards the whole device
         * first, which takes a while on a large volume) before the boot fails.
         */
        @WithDefault("10m")
        Duration mkfs();

        /** How long growing the root filesystem (resize2fs) may run before it is stopped. */
        @WithDefault("10m")
        Duration resize2fs();

        /** Between two "still running" lines about an init script or modprobe. */
        @WithDefault("60s")
        Duration stillRunningReport();

        /** Between a built-in service's exit and its restart (upstream: 5 s). */
        @WithDefault("5s")
        Duration serviceRestart();

        /** Between two polls of the spot interruption notice (upstream: 5 s). */
        @WithDefault("5s")
        Duration spotPoll();

        /** How long the shutdown waits for processes to go after SIGKILL. */
        @WithDefault("5s")
        Duration afterKill();

        /**
         * How long the shutdown keeps trying to unmount a busy EBS filesystem (a process that
         * outlived SIGKILL in uninterruptible sleep, I/O still in flight) before leaving it mounted.
         */
        @WithDefault("10s")
        Duration unmountBusy();

        /** The grace period of a shutdown forced by a failure, before the spec is known. */
        @WithDefault("10s")
        Duration fatalGracePeriod();
    }
}
