package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.easyto.init.TestImage;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupplementaryGroupsTest {
    @TempDir
    Path dir;

    @Test
    void primaryGroupThenEveryGroupListingTheUser() throws IOException {
        Root root = Root.at(TestImage.create(dir));
        // app (1000) is listed in staff (50); daemon (2) in daemon (2).
        assertArrayEquals(new long[] {1001, 50}, SupplementaryGroups.of(1000, 1001, root));
        assertArrayEquals(new long[] {2}, SupplementaryGroups.of(2, 2, root));
        assertArrayEquals(new long[] {65534}, SupplementaryGroups.of(65534, 65534, root));
        assertArrayEquals(new long[] {7}, SupplementaryGroups.of(4242, 7, root));
    }

    @Test
    void rootKeepsNoGroups() throws IOException {
        assertArrayEquals(new long[0], SupplementaryGroups.of(0, 0, Root.at(TestImage.create(dir))));
    }
}
