package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.PhaseNote;
import dev.easyto.init.net.Ipv4Address;
import dev.easyto.init.process.LaunchCommand;
import dev.easyto.init.spec.ImageConfig;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.UserData;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.VmSpec;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * What the boot phases hand each other, every one of them. Each type is produced by exactly one
 * phase; a phase that consumes a type, or runs after it, runs after its producer.
 */
public final class PhaseOutputs {
    private PhaseOutputs() {}

    /** {@code /proc}, {@code /sys}, {@code /dev} and the rest of upstream's table are mounted. */
    public record BaseMounts(List<String> mountedNow) {}

    /**
     * The network is up: the primary interface has its DHCP address and the default route, so IMDS
     * (and anything else) is reachable.
     */
    public record NetworkUp(String interfaceName, Ipv4Address address, int prefixLength, Ipv4Address gateway) {}

    /** The hostname IMDS gave the instance, if setting it worked (failure only warns). */
    public record HostnameSet(Optional<String> hostname) {}

    /**
     * EC2 device names made for the Amazon NVMe disks present at boot ({@code /dev/sdf} and the
     * like, and {@code /dev/disk/by-id} links); {@code listening} when the uevent listener runs, so
     * a disk attached later gets its names as it appears. A phase that waits for {@code /dev/<ec2
     * name>} runs after this one.
     */
    public record DeviceNamesReady(int blockDevices, int amazonDisks, int links, boolean listening) {}

    /** Whether the console was moved to {@code /dev/ttyS0} ({@code EASYTO_TEST_MODE}). */
    public record TestMode(boolean enabled) {}

    /** The image config from {@code /.easyto/metadata.json}. */
    public record ImageMetadata(ImageConfig config) {}

    /** User data as IMDS returned it; empty when the instance has none. */
    public record RawUserData(Optional<byte[]> bytes) {}

    /** Where the decompressed user data was saved, if there was any. */
    public record UserDataCopy(Optional<String> path) {}

    /** User data parsed (its warnings already logged), with where each value was written. */
    public record ParsedUserData(UserDataReader.Parsed parsed) {
        public UserData userData() {
            return parsed.userData();
        }
    }

    /**
     * The image config with user data merged onto it, and where argv[0] was written (user data or
     * the image config), for a problem with it to point there.
     */
    public record MergedSpec(VmSpec spec, SpecPipeline.ArgvOrigin argv0Origin) {}

    /**
     * What growing the root volume did: {@code GREW}, {@code NOTHING} (not a GPT partition, not the
     * last one, already full) or {@code FAILED}, which only warns; {@code detail} says what or why.
     */
    public record RootGrown(Outcome outcome, String detail) implements PhaseNote {
        public enum Outcome {
            GREW,
            NOTHING,
            FAILED
        }

        @Override
        public String note() {
            return outcome == Outcome.FAILED ? "root volume not grown: " + detail : null;
        }
    }

    /** Kernel modules loaded, in order. */
    public record ModulesLoaded(List<String> modules) {}

    /** Sysctls written. */
    public record SysctlsApplied(int count) {}

    /**
     * The command's final environment: static env expanded, env-from values appended, PATH; and
     * which variables came from env-from sources (their values must never reach the console).
     */
    public record ResolvedEnv(List<NameValue> env, List<NameValue> fetched) {}

    /** Every EBS volume is attached, and mounted where it has a mount; the destinations in list order. */
    public record EbsVolumesReady(List<String> mounted) {}

    /** Every volume is in place. */
    public record VolumesReady(int count) {}

    /** Init scripts run to completion. */
    public record InitScriptsRun(int count) {}

    /** The main command, ready to be executed or supervised, and what the boot trace shows of it. */
    public record MainCommand(LaunchCommand command, Shown shown) {

        /**
         * The command as {@code plan} prints it: argv with values fetched by {@code env-from} left
         * as {@code $(NAME)}, the names of the other variables ({@code env}) and of the fetched ones
         * ({@code envFrom}), never a value.
         */
        @RegisterForReflection
        public record Shown(
                List<String> argv,
                List<String> env,
                List<String> envFrom,
                String workingDir,
                long uid,
                long gid,
                List<Long> groups) {}
    }
}
