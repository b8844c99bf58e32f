package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.disk.NvmeController.Kind;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NvmeControllerTest {

    private static NvmeController parsed(byte[] identify) {
        return NvmeController.parse(identify).orElseThrow();
    }

    @Test
    void fieldsOfAnEbsController() {
        NvmeController controller = parsed(IdentifyData.ebs("sdf"));
        assertEquals(0x1D0F, controller.vendorId());
        assertEquals("vol0123456789abcdef0", controller.serial());
        assertEquals("Amazon Elastic Block Store", controller.model());
        assertEquals("sdf", controller.bdev());
        assertEquals(Optional.of(Kind.EBS), controller.amazonKind());
        assertEquals(Optional.of("vol-0123456789abcdef0"), controller.volumeId());
        assertEquals(Optional.of("sdf"), controller.ec2Name());
    }

    @Test
    void instanceStoreIsItsOwnKindWithoutAVolumeId() {
        NvmeController controller = parsed(IdentifyData.instanceStore("ephemeral0:none"));
        assertEquals(Optional.of(Kind.INSTANCE_STORE), controller.amazonKind());
        assertEquals(Optional.empty(), controller.volumeId());
        assertEquals(Optional.of("ephemeral0"), controller.ec2Name());
    }

    @ParameterizedTest
    @CsvSource({
        "sdf, sdf",
        "/dev/sdf, sdf",
        "xvdb, xvdb",
        "ephemeral0:sdf, sdf",
        "ephemeral0:/dev/sdf, sdf",
        "ephemeral0:none, ephemeral0",
        "ephemeral1:/dev/xvdc, xvdc",
        "/dev/ephemeral2:none, ephemeral2",
    })
    void everyNameForm(String bdev, String name) {
        assertEquals(Optional.of(name), parsed(IdentifyData.ebs(bdev)).ec2Name());
    }

    @Test
    void theNameEndsAtTheFirstSpaceOrNul() {
        byte[] spaced = IdentifyData.ebs("sdf");
        byte[] padded = IdentifyData.padded("sdg trailing", 32, (byte) ' ');
        System.arraycopy(padded, 0, spaced, 3072, 32);
        assertEquals(Optional.of("sdg"), parsed(spaced).ec2Name());

        // A full 32-byte name with no terminator is taken whole, never read past.
        String full = "a".repeat(32);
        byte[] identify = IdentifyData.ebs(full);
        identify[3104] = 'x';
        assertEquals(Optional.of(full), parsed(identify).ec2Name());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "none",
                ":none",
                "/dev/",
                "../etc/passwd",
                "/dev/../sda",
                "a/b",
                ".hidden",
                "ephemeral0:..",
                "sd\u00e9"
            })
    void noNameFromAnEmptyOrUnsafeValue(String bdev) {
        assertEquals(Optional.empty(), parsed(IdentifyData.ebs(bdev)).ec2Name());
    }

    @Test
    void anUnsafeDeviceNameDoesNotFallBackToTheVirtualOne() {
        assertEquals(Optional.empty(), NvmeController.ec2Name("ephemeral0:../sda"));
    }

    @Test
    void vendorAndModelMustBothBeAmazons() {
        // QEMU's NVMe controller, as a VM shows it.
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x1b36, "deadbeef", "QEMU NVMe Ctrl", "sdf"))
                        .amazonKind());
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x1b36, "vol1", NvmeController.EBS_MODEL, "sdf"))
                        .amazonKind());
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x1D0F, "x", "Amazon Elastic Block", "sdf"))
                        .amazonKind());
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x1D0F, "x", "amazon elastic block store", "sdf"))
                        .amazonKind());
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x0F1D, "x", NvmeController.EBS_MODEL, "sdf"))
                        .amazonKind());
        assertEquals(
                "vendor 0x1b36, model \"QEMU NVMe Ctrl\"",
                parsed(IdentifyData.of(0x1b36, "deadbeef", "QEMU NVMe Ctrl", ""))
                        .describe());
    }

    @Test
    void modelPaddedWithNulsOrLeadingSpacesStillMatches() {
        byte[] identify = IdentifyData.of(0x1D0F, "vol0abc12345", "", "sdf");
        byte[] model = IdentifyData.padded(" " + NvmeController.EBS_MODEL, 40, (byte) 0);
        System.arraycopy(model, 0, identify, 24, 40);
        assertEquals(Optional.of(Kind.EBS), parsed(identify).amazonKind());
        assertEquals(Optional.of("vol-0abc12345"), parsed(identify).volumeId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vol-0123", "vol", "volXYZ12345678", "AWS123", "vol0123456789ABCDEF0"})
    void noVolumeIdFromOtherSerials(String serial) {
        assertEquals(
                Optional.empty(),
                parsed(IdentifyData.of(0x1D0F, serial, NvmeController.EBS_MODEL, "sdf"))
                        .volumeId());
    }

    @Test
    void malformedBuffersAreNoController() {
        assertEquals(Optional.empty(), NvmeController.parse(null));
        assertEquals(Optional.empty(), NvmeController.parse(new byte[0]));
        assertEquals(Optional.empty(), NvmeController.parse(Arrays.copyOf(IdentifyData.ebs("sdf"), 4095)));
        // All zeros: a controller with nothing in it, vendor 0, no name, nothing Amazon.
        NvmeController zeros = parsed(new byte[4096]);
        assertEquals(0, zeros.vendorId());
        assertEquals("", zeros.model());
        assertEquals(Optional.empty(), zeros.ec2Name());
        assertEquals(Optional.empty(), zeros.amazonKind());
    }

    @Test
    void arbitraryBytesNeverThrow() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] identify = new byte[4096];
            random.nextBytes(identify);
            NvmeController controller = parsed(identify);
            controller.ec2Name().ifPresent(name -> assertTrue(!name.contains("/") && !name.startsWith(".")));
            controller.volumeId();
            assertTrue(controller.describe().chars().allMatch(c -> c >= 0x20 && c < 0x7F));
        }
    }
}
