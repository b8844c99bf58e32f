package dev.easyto.init.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumePathsTest {
    @Test
    void s3KeysUnderThePrefixKeepTheirLayout() throws Exception {
        assertEquals(Optional.of("greeting.txt"), VolumePaths.s3("config/", "config/greeting.txt"));
        assertEquals(Optional.of("subdir/nested.txt"), VolumePaths.s3("app/config/", "app/config/subdir/nested.txt"));
        // Without the trailing slash the suffix starts with one, which is dropped (upstream).
        assertEquals(Optional.of("file1.txt"), VolumePaths.s3("app/config", "app/config/file1.txt"));
        assertEquals(Optional.of("a/b"), VolumePaths.s3("", "a/b"));
        // A prefix is a string prefix, not a directory: "conf" matches "config/x".
        assertEquals(Optional.of("ig/x"), VolumePaths.s3("conf", "config/x"));
    }

    @Test
    void aKeyEqualToThePrefixIsTheDestinationItself() throws Exception {
        assertEquals(Optional.of(""), VolumePaths.s3("config/app.yaml", "config/app.yaml"));
    }

    @Test
    void folderMarkersAndKeysOutsideThePrefixAreSkipped() throws Exception {
        assertEquals(Optional.empty(), VolumePaths.s3("config/", "config/"));
        assertEquals(Optional.empty(), VolumePaths.s3("config/", "config/subdir/"));
        assertEquals(Optional.empty(), VolumePaths.s3("config/", "other/file"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "config/../escape",
                "config/../../etc/passwd",
                "config/a/../../b",
                "config/..",
                "config/./a",
                "config/a//b",
                "config/a/./b",
                "config/a\0b"
            })
    void keysThatWouldLeaveOrBendTheDestinationAreRejected(String key) {
        assertThrows(VolumeException.class, () -> VolumePaths.s3("config/", key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/config/a", "//x"})
    void keysStartingWithASlashAreRejected(String key) {
        VolumeException e = assertThrows(VolumeException.class, () -> VolumePaths.s3("", key));
        assertTrue(e.getMessage().contains("starts with '/'"), e.getMessage());
    }

    @Test
    void ssmNamesMapRelativeToThePath() throws Exception {
        assertEquals(Optional.of("database_host"), VolumePaths.relative("/app/config/", "/app/config/database_host"));
        assertEquals(Optional.of("db/host"), VolumePaths.relative("/app/config/", "/app/config/db/host"));
        assertEquals(Optional.of("db/host"), VolumePaths.relative("/app/config", "/app/config/db/host"));
        // A single parameter: the destination is the file.
        assertEquals(Optional.of(""), VolumePaths.relative("/app/secrets/api-token", "/app/secrets/api-token"));
        assertEquals(Optional.of(""), VolumePaths.relative("plain-name", "plain-name"));
        assertEquals(Optional.empty(), VolumePaths.relative("/app/config/", "/other/x"));
        assertThrows(VolumeException.class, () -> VolumePaths.relative("/app/", "/app/../etc/shadow"));
    }

    @Test
    void underResolvesInsideTheDestination() throws Exception {
        Path destination = Path.of("/config");
        assertEquals(destination, VolumePaths.under(destination, ""));
        assertEquals(Path.of("/config/a/b"), VolumePaths.under(destination, "a/b"));
        assertThrows(VolumeException.class, () -> VolumePaths.under(destination, "../etc"));
        assertThrows(VolumeException.class, () -> VolumePaths.under(destination, "a/../.."));
    }

    /** Whatever a bucket holds, a key either maps inside the destination or is skipped or refused. */
    @Property(tries = 2000)
    void noKeyEverLeavesTheDestination(@ForAll("keys") String key, @ForAll("prefixes") String prefix) {
        Path destination = Path.of("/srv/volume");
        Optional<String> relative;
        try {
            relative = VolumePaths.s3(prefix, key);
        } catch (VolumeException e) {
            return;
        }
        if (relative.isEmpty()) {
            return;
        }
        Path target = destination.resolve(relative.get()).normalize();
        assertTrue(target.startsWith(destination), key + " -> " + target);
        assertEquals(destination.resolve(relative.get()), target, "no . or .. survives: " + key);
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> component = Arbitraries.oneOf(
                Arbitraries.of("", ".", "..", "...", "a", "b.txt", "config", "..a", "a.."),
                Arbitraries.strings().withChars("ab./\0").ofMaxLength(4));
        return component.list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("/", parts));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "config/", "config", "a/", "..", "./");
    }
}
