package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ImageMetadata;
import dev.easyto.init.boot.phase.PhaseOutputs.MergedSpec;
import dev.easyto.init.boot.phase.PhaseOutputs.ParsedUserData;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.ImageConfig;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecPipeline;
import dev.easyto.init.spec.UserDataReader;
import dev.easyto.init.spec.VmSpec;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The image config with user data merged onto it. The spec's {@code debug} raises the console's
 * level from here on: the phases after this one log at the level the user asked for.
 */
@ApplicationScoped
public class MergeSpecPhase implements Phase<MergedSpec> {
    private static final PhaseInfo<MergedSpec> INFO =
            PhaseInfo.of("merge-spec", MergedSpec.class).consumes(ParsedUserData.class, ImageMetadata.class);

    private final Root root;
    private final Layout layout;

    public MergeSpecPhase(Root root, Layout layout) {
        this.root = root;
        this.layout = layout;
    }

    @Override
    public PhaseInfo<MergedSpec> info() {
        return INFO;
    }

    @Override
    public MergedSpec run(PhaseInputs inputs) throws BootFailure {
        ImageConfig image = inputs.get(ImageMetadata.class).config();
        UserDataReader.Parsed userData = inputs.get(ParsedUserData.class).parsed();
        VmSpec spec;
        try {
            spec = SpecPipeline.merge(image, layout.metadata(), userData.userData(), root);
        } catch (SpecException e) {
            throw new BootFailure("InvalidUser", Problems.describe(e), e);
        }
        Console.setDebug(spec.debug());
        return new MergedSpec(
                spec, SpecPipeline.ArgvOrigin.of(userData, ParseUserDataPhase.SOURCE, image, layout.metadata()));
    }
}
