package dev.easyto.init.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.HostTools;
import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.MotoServer;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ffm.Ffm;
import dev.easyto.init.spec.Mount;
import dev.easyto.init.spec.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** S3, SSM and Secrets Manager volumes against moto_server, written under a scratch root. */
class VolumeSourcesTest {
    private static MotoServer moto;
    /** Larger than the stream's 64 KiB buffer many times over, with a pattern that shows misordering. */
    private static final byte[] LARGE = new byte[3 * 1024 * 1024 + 17];

    static {
        for (int i = 0; i < LARGE.length; i++) {
            LARGE[i] = (byte) (i * 31 + (i >> 16));
        }
    }

    private static VolumeSources sources;
    private static long uid;
    private static long gid;

    @TempDir
    Path scratch;

    @BeforeAll
    static void seed() throws Exception {
        moto = MotoServer.start();
        AwsClients aws = moto.clients();
        aws.s3().createBucket(b -> b.bucket("volume-test"));
        for (String key :
                new String[] {"app/config/file1.txt", "app/config/subdir/nested.txt", "app/config/subdir/", "other/x"
                }) {
            aws.s3().putObject(b -> b.bucket("volume-test").key(key), RequestBody.fromString("content of " + key));
        }
        aws.s3().createBucket(b -> b.bucket("volume-bad"));
        aws.s3().putObject(b -> b.bucket("volume-bad").key("p/ok.txt"), RequestBody.fromString("ok"));
        aws.s3().putObject(b -> b.bucket("volume-bad").key("p/../escape.txt"), RequestBody.fromString("bad"));
        aws.s3().createBucket(b -> b.bucket("volume-empty"));
        aws.s3().createBucket(b -> b.bucket("volume-large"));
        aws.s3().putObject(b -> b.bucket("volume-large").key("model.bin"), RequestBody.fromBytes(LARGE));
        aws.ssm()
                .putParameter(
                        b -> b.name("/vol/config/db/host").value("localhost").type(ParameterType.STRING));
        aws.ssm().putParameter(b -> b.name("/vol/config/api_key").value("k3y").type(ParameterType.SECURE_STRING));
        aws.ssm().putParameter(b -> b.name("/vol/single").value("one\n").type(ParameterType.STRING));
        aws.secretsManager().createSecret(b -> b.name("vol/secret").secretString("s3cret"));
        sources = new VolumeSources(aws, new SafeFiles(Ffm.files()));
        uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
    }

    @AfterAll
    static void stop() throws Exception {
        if (moto != null) {
            moto.close();
        }
    }

    private static Mount mount(String destination, long user, long group) {
        return new Mount(destination, null, user, group, null, null);
    }

    @Test
    void s3PrefixBecomesADirectoryTree() throws Exception {
        Root root = Root.at(scratch);
        int written = sources.populate(
                new Volume.S3("volume-test", "app/config/", mount("/config", uid, gid), false), root, List.of());
        assertEquals(2, written);
        assertEquals("content of app/config/file1.txt", Files.readString(scratch.resolve("config/file1.txt")));
        assertEquals(
                "content of app/config/subdir/nested.txt",
                Files.readString(scratch.resolve("config/subdir/nested.txt")));
        assertEquals("rw-r--r--", mode(scratch.resolve("config/file1.txt")));
        assertEquals("rwxr-xr-x", mode(scratch.resolve("config/subdir")));
        assertFalse(Files.exists(scratch.resolve("config/x")));
    }

    /** Streamed to the file (never whole in PID 1's memory), every byte in order. */
    @Test
    void aLargeObjectIsWrittenWhole() throws Exception {
        sources.populate(
                new Volume.S3("volume-large", "model.bin", mount("/models/model.bin", uid, gid), false),
                Root.at(scratch),
                List.of());
        assertArrayEquals(LARGE, Files.readAllBytes(scratch.resolve("models/model.bin")));
    }

    @Test
    void aPrefixThatIsOneKeyIsOneFile() throws Exception {
        sources.populate(
                new Volume.S3("volume-test", "app/config/file1.txt", mount("/etc/app.txt", uid, gid), false),
                Root.at(scratch),
                List.of());
        assertEquals("content of app/config/file1.txt", Files.readString(scratch.resolve("etc/app.txt")));
    }

    @Test
    void aKeyThatWouldEscapeFailsTheVolumeBeforeAnythingIsWritten() {
        VolumeException e = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.S3("volume-bad", "p/", mount("/data", uid, gid), false),
                        Root.at(scratch),
                        List.of()));
        assertTrue(e.getMessage().contains("p/../escape.txt"), e.getMessage());
        assertFalse(Files.exists(scratch.resolve("data")));
        assertFalse(Files.exists(scratch.resolve("escape.txt")));
    }

    @Test
    void nothingUnderThePrefixIsAnError() {
        VolumeException e = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.S3("volume-empty", "none/", mount("/config", uid, gid), false),
                        Root.at(scratch),
                        List.of()));
        assertEquals("no S3 objects found in volume-empty/none/", e.getMessage());
        VolumeException noBucket = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.S3("volume-missing", "", mount("/config", uid, gid), false),
                        Root.at(scratch),
                        List.of()));
        assertTrue(noBucket.getMessage().contains("NoSuchBucket"), noBucket.getMessage());
    }

    @Test
    void ssmHierarchyBecomesOwnerOnlyFiles() throws Exception {
        int written = sources.populate(
                new Volume.Ssm("/vol/config/", mount("/ssm", uid, gid), false), Root.at(scratch), List.of());
        assertEquals(2, written);
        assertEquals("localhost", Files.readString(scratch.resolve("ssm/db/host")));
        assertEquals("k3y", Files.readString(scratch.resolve("ssm/api_key")));
        assertEquals("rw-------", mode(scratch.resolve("ssm/api_key")));
        assertEquals("rwx------", mode(scratch.resolve("ssm/db")));
        assertEquals("rwx------", mode(scratch.resolve("ssm")));
    }

    @Test
    void ssmSingleParameterIsTheDestinationFileVerbatim() throws Exception {
        sources.populate(
                new Volume.Ssm("/vol/single", mount("/run/one", uid, gid), false), Root.at(scratch), List.of());
        assertEquals("one\n", Files.readString(scratch.resolve("run/one")));
    }

    @Test
    void ssmMissingPathReportsParameterNotFound() {
        VolumeException e = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.Ssm("/vol/missing/", mount("/ssm", uid, gid), false), Root.at(scratch), List.of()));
        assertTrue(e.getMessage().contains("ParameterNotFound"), e.getMessage());
    }

    @Test
    void secretsManagerSecretIsOneOwnerOnlyFile() throws Exception {
        sources.populate(
                new Volume.SecretsManager("vol/secret", mount("/secrets/db-password", uid, gid), false),
                Root.at(scratch),
                List.of());
        Path file = scratch.resolve("secrets/db-password");
        assertEquals("s3cret", Files.readString(file));
        assertEquals("rw-------", mode(file));
        VolumeException e = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.SecretsManager("vol/missing", mount("/secrets/x", uid, gid), false),
                        Root.at(scratch),
                        List.of()));
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    }

    @Test
    void filesAndTheDirectoriesMadeForThemBelongToTheMountIdsAndNothingElseChanges() throws Exception {
        HostTools.require("root", uid == 0, "changing owners needs root");
        Files.createDirectories(scratch.resolve("var"));
        sources.populate(
                new Volume.SecretsManager("vol/secret", mount("/var/lib/app/secret", 1234, 5678), false),
                Root.at(scratch),
                List.of());
        assertEquals(1234, owner(scratch.resolve("var/lib/app/secret")));
        assertEquals(5678, Files.getAttribute(scratch.resolve("var/lib/app/secret"), "unix:gid"));
        assertEquals(1234, owner(scratch.resolve("var/lib/app")));
        assertEquals(1234, owner(scratch.resolve("var/lib")));
        assertEquals(0, owner(scratch.resolve("var")));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int owner(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }
}
