package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Console;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ImageMetadata;
import dev.easyto.init.boot.phase.PhaseOutputs.ParsedUserData;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.ImageConfig;
import dev.easyto.init.spec.RunAs;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecMerger;
import dev.easyto.init.spec.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The image config with user data merged onto it; switches to debug logging when asked. */
@ApplicationScoped
public class MergeSpecPhase implements Phase<VmSpec> {

    @Override
    public String name() {
        return "merge-spec";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of(ParsedUserData.class, ImageMetadata.class);
    }

    @Override
    public Class<VmSpec> produces() {
        return VmSpec.class;
    }

    @Override
    public VmSpec run(PhaseInputs inputs) throws BootFailure {
        ImageConfig image = inputs.get(ImageMetadata.class).config();
        RunAs imageUser;
        try {
            imageUser = RunAs.resolve(image.user(), Root.system(), ReadMetadataPhase.FILE);
        } catch (SpecException e) {
            throw new BootFailure("InvalidUser", Problems.describe(e), e);
        }
        VmSpec spec = SpecMerger.merge(
                image, imageUser, inputs.get(ParsedUserData.class).userData());
        Console.setDebug(spec.debug());
        return spec;
    }
}
