package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.boot.phase.PhaseOutputs.UserDataCopy;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.fs.Root;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.UserDataText;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the (decompressed) user data at {@code /.easyto/var/lib/user-data} for the workload and
 * for debugging. It may hold secrets, so only root can read it.
 */
@ApplicationScoped
public class WriteUserDataPhase implements Phase<UserDataCopy> {
    private static final PhaseInfo<UserDataCopy> INFO =
            PhaseInfo.of("write-user-data", UserDataCopy.class).consumes(RawUserData.class);
    private final Root root;
    private final Layout layout;

    public WriteUserDataPhase(Root root, Layout layout) {
        this.root = root;
        this.layout = layout;
    }

    @Override
    public PhaseInfo<UserDataCopy> info() {
        return INFO;
    }

    @Override
    public UserDataCopy run(PhaseInputs inputs) throws BootFailure {
        Optional<byte[]> raw = inputs.get(RawUserData.class).bytes();
        if (raw.isEmpty()) {
            return new UserDataCopy(Optional.empty());
        }
        byte[] content;
        try {
            content = UserDataText.decode(raw.get(), "user data").getBytes(StandardCharsets.UTF_8);
        } catch (SpecException e) {
            // Undecodable user data fails the boot in parse-user-data; keep the bytes for a look.
            content = raw.get();
        }
        Path file = root.resolve(layout.userDataCopy());
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, content, "rw-------");
        } catch (IOException e) {
            throw new BootFailure("unable to write " + layout.userDataCopy() + ": " + e.getMessage(), e);
        }
        return new UserDataCopy(Optional.of(layout.userDataCopy()));
    }
}
