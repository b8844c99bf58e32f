package dev.easyto.init.boot.phase;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.spec.Mount;
import dev.easyto.init.spec.Volume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which volumes may be fetched side by side: none may land in another's files. */
class VolumesPhaseTest {
    private static Mount at(String destination) {
        return new Mount(destination, null, null, null, null, null);
    }

    @Test
    void volumesInSeparateDirectoriesAreIndependent() {
        assertTrue(VolumesPhase.independent(List.of(
                new Volume.S3("b", "p/", at("/srv/data"), false),
                new Volume.Ssm("/app", at("/srv/config"), false),
                new Volume.SecretsManager("s", at("/srv/data-2"), false),
                new Volume.Template("x", null, false, at("/etc/app.conf")))));
        assertTrue(VolumesPhase.independent(List.of()));
    }

    @Test
    void aVolumeInsideAnotherOrAtTheSamePlaceIsNot() {
        assertFalse(VolumesPhase.independent(List.of(
                new Volume.S3("b", "p/", at("/srv/data"), false),
                new Volume.SecretsManager("s", at("/srv/data/token"), false))));
        assertFalse(VolumesPhase.independent(List.of(
                new Volume.Ssm("/app", at("/srv/config/"), false),
                new Volume.Ssm("/other", at("/srv/config"), false))));
    }

    @Test
    void anEbsVolumeKeepsTheListInOrder() {
        assertFalse(VolumesPhase.independent(List.of(
                new Volume.Ebs("/dev/sdf", null, at("/mnt/ebs")), new Volume.S3("b", "p/", at("/srv/data"), false))));
    }
}
