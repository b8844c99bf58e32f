package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.BaseMounts;
import dev.easyto.init.boot.phase.PhaseOutputs.DeviceNamesReady;
import dev.easyto.init.boot.phase.PhaseOutputs.EbsVolumesReady;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ModulesLoaded;
import dev.easyto.init.boot.phase.PhaseOutputs.NetworkUp;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.Volume;
import dev.easyto.init.volume.EbsVolumes;
import dev.easyto.init.volume.VolumeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ebs} items of {@code volumes}, in list order (docs/behaviour.md §3.3, §3.5): attached
 * by tags (IMDS and EC2, so after the network), their devices waited for, formatted when blank and
 * mounted. After the device names (the NVMe linker makes the {@code /dev/sdf}-style links waited
 * for, and keeps making them for volumes attached later) and the kernel modules, which may be the filesystem's or the disk's driver; before
 * the other volumes, which may land on an EBS mount, the init scripts and the command's PATH
 * lookup, whose program may live there. EBS volumes have no {@code optional}: any failure stops
 * the boot, since the command relies on its data.
 */
@ApplicationScoped
public class EbsVolumesPhase implements Phase<EbsVolumesReady> {
    private static final PhaseInfo<EbsVolumesReady> INFO = PhaseInfo.of("ebs-volumes", EbsVolumesReady.class)
            .consumes(MergedSpec.class)
            .after(BaseMounts.class, DeviceNamesReady.class, NetworkUp.class, ModulesLoaded.class);
    private final EbsVolumes volumes;
    private final Root root;

    public EbsVolumesPhase(EbsVolumes volumes, Root root) {
        this.volumes = volumes;
        this.root = root;
    }

    @Override
    public PhaseInfo<EbsVolumesReady> info() {
        return INFO;
    }

    @Override
    public EbsVolumesReady run(PhaseInputs inputs) throws BootFailure {
        List<String> mounted = new ArrayList<>();
        for (Volume volume : inputs.get(MergedSpec.class).spec().volumes()) {
            if (!(volume instanceof Volume.Ebs ebs)) {
                continue;
            }
            String what = "ebs volume " + ebs.device()
                    + (ebs.mount() == null ? "" : " at " + ebs.mount().destination());
            try {
                volumes.prepare(ebs, root).mountedAt().ifPresent(mounted::add);
            } catch (VolumeException | AwsUnavailableException e) {
                throw new BootFailure(what + ": " + e.getMessage(), e);
            }
        }
        return new EbsVolumesReady(List.copyOf(mounted));
    }
}
