package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.easyto.init.TestImage;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupplementaryGroupsTest {
    @TempDir
    Path dir;

    @Test
    void primaryGroupThenEveryGroupListingTheUser() throws IOException {
        Root root = Root.at(TestImage.create(dir));
        // app (1000) is listed in staff (50); daemon (2) in daemon (2).
        assertEquals(List.of(1001L, 50L), SupplementaryGroups.of(1000, 1001, root));
        assertEquals(List.of(2L), SupplementaryGroups.of(2, 2, root));
        assertEquals(List.of(65534L), SupplementaryGroups.of(65534, 65534, root));
        assertEquals(List.of(7L), SupplementaryGroups.of(4242, 7, root));
    }

    @Test
    void rootKeepsNoGroups() throws IOException {
        assertEquals(List.of(), SupplementaryGroups.of(0, 0, Root.at(TestImage.create(dir))));
    }

    /** A group the kernel cannot hold (setgroups takes 32-bit gids, -1 is none) is not joined. */
    @Test
    void groupsWithIdsOutOfRangeAreLeftOut() throws IOException {
        Path image = TestImage.create(dir);
        Files.writeString(
                image.resolve("etc/group"),
                "wheel:x:4294967295:app\nhuge:x:99999999999999999999:app\nbad:x:-3:app\nok:x:60:app\n",
                StandardOpenOption.APPEND);
        assertEquals(List.of(1001L, 50L, 60L), SupplementaryGroups.of(1000, 1001, Root.at(image)));
    }
}
