package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.easyto.init.disk.DeviceLinks.Link;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceLinksTest {

    private static NvmeController controller(byte[] identify) {
        return NvmeController.parse(identify).orElseThrow();
    }

    @Test
    void anEbsDiskAndItsPartitions() {
        NvmeController ebs = controller(IdentifyData.ebs("/dev/sdf"));
        assertEquals(
                List.of(
                        new Link("/dev/sdf", "nvme1n1"),
                        new Link(
                                "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0",
                                "../../nvme1n1")),
                DeviceLinks.forDisk("nvme1n1", ebs));
        assertEquals(
                List.of(
                        new Link("/dev/sdf2", "nvme1n1p2"),
                        new Link(
                                "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0-part2",
                                "../../nvme1n1p2")),
                DeviceLinks.forPartition("nvme1n1p2", 2, ebs));
    }

    @Test
    void aNameEndingInADigitGetsPBeforeThePartitionNumber() {
        NvmeController store = controller(IdentifyData.instanceStore("ephemeral0:none"));
        assertEquals(
                List.of(
                        new Link("/dev/ephemeral0p1", "nvme2n1p1"),
                        new Link(
                                "/dev/disk/by-id/nvme-Amazon_EC2_NVMe_Instance_Storage_AWS1A2B3C4D5E6F7G8H9-part1",
                                "../../nvme2n1p1")),
                DeviceLinks.forPartition("nvme2n1p1", 1, store));
        assertEquals("xvdb1", DeviceLinks.partitionName("xvdb", 1));
        assertEquals("sdf12", DeviceLinks.partitionName("sdf", 12));
    }

    @Test
    void withoutAnEc2NameOnlyTheByIdLink() {
        NvmeController unnamed = controller(IdentifyData.ebs(""));
        assertEquals(
                List.of(new Link(
                        "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0", "../../nvme0n1")),
                DeviceLinks.forDisk("nvme0n1", unnamed));
    }

    @Test
    void byIdNeedsModelAndSerialAndEscapesAsUdev() {
        assertEquals(
                List.of(new Link("/dev/sdf", "nvme1n1")),
                DeviceLinks.forDisk(
                        "nvme1n1", controller(IdentifyData.of(0x1D0F, "", NvmeController.EBS_MODEL, "sdf"))));
        assertEquals("a_b_c_d#+-.:=@_", DeviceLinks.udevEscaped("a b/c\td#+-.:=@_"));
        assertEquals("__", DeviceLinks.udevEscaped(".."));
        assertEquals("_", DeviceLinks.udevEscaped("."));
    }
}
