package dev.easyto.init.boot.phase;

import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.boot.Phase;
import dev.easyto.init.boot.PhaseInfo;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.boot.phase.PhaseOutputs.UserDataCopy;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.fs.UnsafePathException;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.UserDataText;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    private final SafeFiles files;

    public WriteUserDataPhase(Root root, Layout layout, SafeFiles files) {
        this.root = root;
        this.layout = layout;
        this.files = files;
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
        byte[] copy = content;
        try {
            // Root's own directories; made with the mode Files.createDirectories gave them.
            files.createDirectories(root, file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"), -1, -1);
            files.write(root, file, out -> out.write(copy), PosixFilePermissions.fromString("rw-------"), -1, -1);
        } catch (UnsafePathException e) {
            // A link on the way means someone else wrote there; the copy is a convenience, not
            // something the boot needs, so it is skipped rather than written through the link.
            Console.warn("user data not copied: %s", e.getMessage());
            return new UserDataCopy(Optional.empty());
        } catch (IOException e) {
            throw new BootFailure("unable to write " + layout.userDataCopy() + ": " + e.getMessage(), e);
        }
        return new UserDataCopy(Optional.of(layout.userDataCopy()));
    }
}
