package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.ImageMetadata;
import dev.easyto.init.spec.ImageConfigReader;
import dev.easyto.init.spec.SpecException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The image config easyto saved at AMI build time; without it there is nothing to run. */
@ApplicationScoped
public class ReadMetadataPhase implements Phase<ImageMetadata> {
    static final String FILE = "/.easyto/metadata.json";

    @Override
    public String name() {
        return "read-metadata";
    }

    @Override
    public List<Class<?>> consumes() {
        return List.of();
    }

    @Override
    public Class<ImageMetadata> produces() {
        return ImageMetadata.class;
    }

    @Override
    public ImageMetadata run(PhaseInputs inputs) throws BootFailure {
        String text;
        try {
            text = Files.readString(Path.of(FILE));
        } catch (IOException e) {
            throw new BootFailure("unable to read " + FILE + ": " + e.getMessage(), e);
        }
        try {
            return new ImageMetadata(ImageConfigReader.parse(text, FILE));
        } catch (SpecException e) {
            throw new BootFailure("InvalidMetadata", Problems.describe(e), e);
        }
    }
}
