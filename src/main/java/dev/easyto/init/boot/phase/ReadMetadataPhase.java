package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ImageMetadata;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;

/** The image config easyto saved at AMI build time; without it there is nothing to run. */
@ApplicationScoped
public class ReadMetadataPhase implements Phase<ImageMetadata> {
    private static final PhaseInfo<ImageMetadata> INFO = PhaseInfo.of("read-metadata", ImageMetadata.class);
    private final Root root;
    private final Layout layout;

    public ReadMetadataPhase(Root root, Layout layout) {
        this.root = root;
        this.layout = layout;
    }

    @Override
    public PhaseInfo<ImageMetadata> info() {
        return INFO;
    }

    @Override
    public ImageMetadata run(PhaseInputs inputs) throws BootFailure {
        String file = layout.metadata();
        String text;
        try {
            text = Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new BootFailure("unable to read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new ImageMetadata(SpecPipeline.image(text, file));
        } catch (SpecException e) {
            throw new BootFailure("InvalidMetadata", Problems.describe(e), e);
        }
    }
}
