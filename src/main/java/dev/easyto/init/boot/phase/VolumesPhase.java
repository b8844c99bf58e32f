package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ResolvedEnv;
import dev.easyto.init.boot.phase.PhaseOutputs.VolumesReady;
import dev.easyto.init.spec.VmSpec;
import dev.easyto.init.spec.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * {@code volumes}, in list order, after env-from (templates use resolved variables). No volume
 * source is in this build yet: a volume the command relies on must not silently be missing, so a
 * required one stops the boot and an optional one is skipped with a warning.
 */
@ApplicationScoped
public class VolumesPhase implements Phase<VolumesReady> {

    @Override
    public String name() {
        return "volumes";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(VmSpec.class, ResolvedEnv.class);
    }

    @Override
    public Class<VolumesReady> produces() {
        return VolumesReady.class;
    }

    @Override
    public VolumesReady run(PhaseInputs inputs) throws BootFailure {
        for (Volume volume : inputs.get(VmSpec.class).volumes()) {
            String what = kind(volume) + " volume"
                    + (volume.mount() == null ? "" : " at " + volume.mount().destination());
            if (isOptional(volume)) {
                Console.warn("optional %s skipped: volumes are not supported by this build yet", what);
            } else {
                throw new BootFailure(what + ": volumes are not supported by this build yet");
            }
        }
        return new VolumesReady(0);
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
