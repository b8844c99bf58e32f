package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.Parallel;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.EbsVolumesReady;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.boot.phase.PhaseOutputs.VolumesReady;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.Volume;
import dev.easyto.init.volume.VolumeException;
import dev.easyto.init.volume.VolumeSources;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code volumes}, after env-from (templates use resolved variables): fetched side by side when
 * they are independent, judged in list order. S3, SSM and
 * Secrets Manager volumes are copied into files and templates rendered into one; EBS volumes are
 * mounted before, by {@link EbsVolumesPhase}, so these may land on them. A required volume that fails
 * stops the boot; an optional one is skipped with a warning. Failing to get an AWS client at all
 * is fatal even for an optional volume (upstream).
 */
@ApplicationScoped
public class VolumesPhase implements Phase<VolumesReady> {
    private static final PhaseInfo<VolumesReady> INFO = PhaseInfo.of("volumes", VolumesReady.class)
            .consumes(MergedSpec.class, ResolvedEnv.class)
            .after(EbsVolumesReady.class);
    private final VolumeSources sources;
    private final Root root;

    public VolumesPhase(VolumeSources sources, Root root) {
        this.sources = sources;
        this.root = root;
    }

    @Override
    public PhaseInfo<VolumesReady> info() {
        return INFO;
    }

    @Override
    public VolumesReady run(PhaseInputs inputs) throws BootFailure {
        int ready = 0;
        List<NameValue> env = inputs.get(ResolvedEnv.class).env();
        // EBS volumes are mounted already (EbsVolumesPhase); these may land on them.
        List<Volume> volumes = inputs.get(MergedSpec.class).spec().volumes().stream()
                .filter(volume -> !(volume instanceof Volume.Ebs))
                .toList();
        List<Parallel.Task<Integer>> tasks = volumes.stream()
                .<Parallel.Task<Integer>>map(volume -> () -> sources.populate(volume, root, env))
                .toList();
        // Side by side when no volume's files can land in another's; judged, and their lines
        // printed, in the spec's order.
        List<Parallel.Outcome<Integer>> outcomes = independent(volumes) ? Parallel.run("volumes", tasks) : null;
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            Parallel.Task<Integer> task = tasks.get(i);
            Parallel.Outcome<Integer> outcome = outcomes == null ? null : outcomes.get(i);
            String what = kind(volume) + " volume"
                    + (volume.mount() == null ? "" : " at " + volume.mount().destination());
            Optional<Integer> populated = OptionalSources.run(
                    isOptional(volume),
                    VolumeException.class,
                    () -> outcome == null ? task.run() : outcome.replay(),
                    e -> "optional " + what + " failed, skipping: " + e.getMessage(),
                    e -> volume instanceof Volume.Template template && e instanceof VolumeException
                            // Upstream's wording, which its template scenarios match.
                            ? "failed to render template to " + template.mount().destination() + ": " + e.getMessage()
                            : what + ": " + e.getMessage());
            if (populated.isPresent()) {
                ready++;
            }
        }
        return new VolumesReady(ready);
    }

    /** No EBS volume, and no destination at or under another's. */
    static boolean independent(List<Volume> volumes) {
        List<Path> destinations = new ArrayList<>();
        for (Volume volume : volumes) {
            if (volume instanceof Volume.Ebs || volume.mount() == null) {
                return false;
            }
            Path destination = Path.of(volume.mount().destination()).normalize();
            for (Path other : destinations) {
                if (destination.startsWith(other) || other.startsWith(destination)) {
                    return false;
                }
            }
            destinations.add(destination);
        }
        return true;
    }

    private static boolean isOptional(Volume volume) {
        return switch (volume) {
            case Volume.Ebs ebs -> false;
            case Volume.S3 s3 -> s3.optional();
            case Volume.Ssm ssm -> ssm.optional();
            case Volume.SecretsManager sm -> sm.optional();
            case Volume.Template template -> template.optional();
        };
    }

    private static String kind(Volume volume) {
        return switch (volume) {
            case Volume.Ebs ebs -> "ebs";
            case Volume.S3 s3 -> "s3";
            case Volume.Ssm ssm -> "ssm";
            case Volume.SecretsManager sm -> "secrets-manager";
            case Volume.Template template -> "template";
        };
    }
}
