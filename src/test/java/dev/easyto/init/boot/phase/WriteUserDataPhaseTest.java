package dev.easyto.init.boot.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.CapturedConsole;
import dev.easyto.init.boot.PhaseInputs;
import dev.easyto.init.boot.phase.PhaseOutputs.RawUserData;
import dev.easyto.init.boot.phase.PhaseOutputs.UserDataCopy;
import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ffm.Ffm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteUserDataPhaseTest {
    private static final byte[] USER_DATA = "command: [/bin/true]\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private UserDataCopy run(Root root) throws Exception {
        PhaseInputs inputs = new PhaseInputs(
                "write-user-data",
                Set.of(RawUserData.class),
                Map.of(RawUserData.class, new RawUserData(Optional.of(USER_DATA))));
        return new WriteUserDataPhase(root, Layout.EASYTO, new SafeFiles(Ffm.files())).run(inputs);
    }

    @Test
    void theCopyIsRootsAlone() throws Exception {
        Root root = Root.at(Files.createDirectory(dir.resolve("root")));
        assertEquals(Optional.of(Layout.EASYTO.userDataCopy()), run(root).path());
        Path copy = root.resolve(Layout.EASYTO.userDataCopy());
        assertEquals("command: [/bin/true]\n", Files.readString(copy));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
    }

    /**
     * A link on the way to the copy that a user made (the image's own, root's in root's directory,
     * would be followed) is not followed: the copy is skipped with a warning.
     */
    @Test
    void aLinkOnTheWayIsRefusedAndTheBootGoesOn() throws Exception {
        Root root = Root.at(Files.createDirectory(dir.resolve("root")));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createDirectories(root.resolve("/.easyto"));
        Path link = Files.createSymbolicLink(root.resolve("/.easyto/var"), outside);
        Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
        try (CapturedConsole console = new CapturedConsole()) {
            assertEquals(Optional.empty(), run(root).path());
            assertTrue(
                    console.text()
                            .contains("warning: user data not copied: /.easyto/var is a symbolic link, which the init"
                                    + " does not follow\n"),
                    console.text());
        }
        try (Stream<Path> entries = Files.list(outside)) {
            assertEquals(List.of(), entries.toList());
        }
    }
}
