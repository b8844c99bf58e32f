package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.fs.Root;
import dev.easyto.init.linux.ffm.Ffm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linker on a fake {@code /sys} and {@code /dev} in a temporary directory: real opens of plain
 * files standing for the device nodes, Identify answers from {@link FakeNvme}.
 */
class DeviceLinkerTest {
    @TempDir
    Path dir;

    final FakeNvme nvme = new FakeNvme();
    DeviceLinker linker;

    @BeforeEach
    void linker() {
        linker = new DeviceLinker(Root.at(dir), Ffm.files(), nvme);
    }

    /** A disk in /sys/block (with the attributes a real one has) and its node in /dev. */
    private void disk(String name, byte[] identify, String... partitions) throws IOException {
        Path sys = dir.resolve("sys/block/" + name);
        Files.createDirectories(sys.resolve("queue"));
        Files.createDirectories(sys.resolve("device"));
        Files.createDirectories(sys.resolve("holders"));
        Files.writeString(sys.resolve("queue/io_timeout"), "30000\n");
        Files.writeString(sys.resolve("size"), "2097152\n");
        node(name, identify);
        for (int i = 0; i < partitions.length; i++) {
            Files.createDirectories(sys.resolve(partitions[i]));
            Files.writeString(sys.resolve(partitions[i] + "/partition"), (i + 1) + "\n");
            node(partitions[i], null);
        }
    }

    private void node(String name, byte[] identify) throws IOException {
        Path node = dir.resolve("dev/" + name);
        Files.createDirectories(node.getParent());
        Files.write(node, new byte[0]);
        if (identify != null) {
            nvme.answer(node, identify);
        }
    }

    private String link(String path) throws IOException {
        return Files.readSymbolicLink(dir.resolve(path.substring(1))).toString();
    }

    private String ioTimeout(String disk) throws IOException {
        return Files.readString(dir.resolve("sys/block/" + disk + "/queue/io_timeout"));
    }

    private Set<String> devEntries() throws IOException {
        try (Stream<Path> entries = Files.walk(dir.resolve("dev"))) {
            return new TreeSet<>(
                    entries.map(p -> dir.resolve("dev").relativize(p).toString())
                            .toList());
        }
    }

    @Test
    void disksPresentAtBoot() throws IOException {
        disk("nvme0n1", IdentifyData.ebs("/dev/sdf"), "nvme0n1p1", "nvme0n1p2");
        disk("nvme1n1", IdentifyData.instanceStore("ephemeral0:none"), "nvme1n1p1");
        disk("nvme2n1", IdentifyData.of(0x1b36, "deadbeef", "QEMU NVMe Ctrl", "sdg"));
        disk("loop0", null);
        disk("xvda", IdentifyData.of(0x1D0F, "vol0aaaabbbbccccdddd", NvmeController.EBS_MODEL, "xvda"));
        // In /sys but with no node in /dev: the open fails, the device is skipped.
        Files.createDirectories(dir.resolve("sys/block/nvme3n1"));

        DeviceLinker.Summary summary = linker.linkPresent();

        assertEquals(new DeviceLinker.Summary(6, 3, 11), summary);
        assertEquals("nvme0n1", link("/dev/sdf"));
        assertEquals("nvme0n1p1", link("/dev/sdf1"));
        assertEquals("nvme0n1p2", link("/dev/sdf2"));
        String ebsId = "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0";
        assertEquals("../../nvme0n1", link(ebsId));
        assertEquals("../../nvme0n1p2", link(ebsId + "-part2"));
        assertEquals("nvme1n1", link("/dev/ephemeral0"));
        assertEquals("nvme1n1p1", link("/dev/ephemeral0p1"));
        assertEquals(
                "../../nvme1n1p1",
                link("/dev/disk/by-id/nvme-Amazon_EC2_NVMe_Instance_Storage_AWS1A2B3C4D5E6F7G8H9-part1"));
        assertEquals(DeviceLinker.EBS_IO_TIMEOUT_MS, ioTimeout("nvme0n1"));
        assertEquals(DeviceLinker.INSTANCE_STORE_IO_TIMEOUT_MS, ioTimeout("nvme1n1"));
        // Not Amazon: asked, but nothing linked and its timeout left alone.
        assertEquals("30000\n", ioTimeout("nvme2n1"));
        assertEquals("30000\n", ioTimeout("loop0"));
        assertFalse(Files.exists(dir.resolve("dev/sdg"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(nvme.asked.contains(dir.resolve("dev/loop0")));
        // Partitions are never asked: their disk's answer names them.
        assertFalse(nvme.asked.contains(dir.resolve("dev/nvme0n1p1")));
        // xvda is an EBS disk whose EC2 name is its own kernel name: the node stays, not a link.
        assertTrue(Files.isRegularFile(dir.resolve("dev/xvda"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals(
                Set.of(
                        "",
                        "disk",
                        "disk/by-id",
                        "disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0",
                        "disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0-part1",
                        "disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0-part2",
                        "disk/by-id/nvme-Amazon_EC2_NVMe_Instance_Storage_AWS1A2B3C4D5E6F7G8H9",
                        "disk/by-id/nvme-Amazon_EC2_NVMe_Instance_Storage_AWS1A2B3C4D5E6F7G8H9-part1",
                        "disk/by-id/nvme-Amazon_Elastic_Block_Store_vol0aaaabbbbccccdddd",
                        "ephemeral0",
                        "ephemeral0p1",
                        "loop0",
                        "nvme0n1",
                        "nvme0n1p1",
                        "nvme0n1p2",
                        "nvme1n1",
                        "nvme1n1p1",
                        "nvme2n1",
                        "sdf",
                        "sdf1",
                        "sdf2",
                        "xvda"),
                devEntries());
    }

    @Test
    void aStaleLinkIsReplacedAndARightOneKept() throws IOException {
        disk("nvme0n1", IdentifyData.ebs("sdf"), "nvme0n1p1");
        Files.createSymbolicLink(dir.resolve("dev/sdf"), Path.of("nvme7n1"));
        Files.createSymbolicLink(dir.resolve("dev/sdf1"), Path.of("nvme0n1p1"));

        linker.linkPresent();

        assertEquals("nvme0n1", link("/dev/sdf"));
        assertEquals("nvme0n1p1", link("/dev/sdf1"));
        // No temporary link left behind.
        assertTrue(devEntries().stream().noneMatch(entry -> entry.contains("easyto")), devEntries()::toString);
        // A second scan changes nothing.
        Set<String> before = devEntries();
        linker.linkPresent();
        assertEquals(before, devEntries());
    }

    @Test
    void aMissingIoTimeoutAttributeIsNotCreated() throws IOException {
        disk("nvme0n1", IdentifyData.ebs("sdf"));
        Files.delete(dir.resolve("sys/block/nvme0n1/queue/io_timeout"));

        assertEquals(new DeviceLinker.Summary(1, 1, 2), linker.linkPresent());

        assertFalse(Files.exists(dir.resolve("sys/block/nvme0n1/queue/io_timeout")));
        assertEquals("nvme0n1", link("/dev/sdf"));
    }

    @Test
    void noSysBlockIsAnEmptyScan() {
        assertEquals(new DeviceLinker.Summary(0, 0, 0), linker.linkPresent());
    }

    @Test
    void disksAndPartitionsAddedLater() throws IOException {
        disk("nvme1n1", IdentifyData.ebs("/dev/xvdh"), "nvme1n1p1");
        String devpath = "/devices/pci0000:00/0000:00:1f.0/nvme/nvme1/nvme1n1";

        linker.added(event("add@" + devpath, "SUBSYSTEM=block", "DEVNAME=nvme1n1", "DEVTYPE=disk"));
        linker.added(event(
                "add@" + devpath + "/nvme1n1p1",
                "SUBSYSTEM=block",
                "DEVNAME=nvme1n1p1",
                "DEVTYPE=partition",
                "PARTN=1"));

        assertEquals("nvme1n1", link("/dev/xvdh"));
        assertEquals("nvme1n1p1", link("/dev/xvdh1"));
        assertEquals(DeviceLinker.EBS_IO_TIMEOUT_MS, ioTimeout("nvme1n1"));
        assertEquals(List.of(dir.resolve("dev/nvme1n1"), dir.resolve("dev/nvme1n1")), nvme.asked);
    }

    @Test
    void otherEventsAreNotActedOn() throws IOException {
        disk("nvme1n1", IdentifyData.ebs("sdf"));
        linker.added(event("remove@/devices/x/nvme1n1", "SUBSYSTEM=block", "DEVNAME=nvme1n1"));
        linker.added(event("change@/devices/x/nvme1n1", "SUBSYSTEM=block", "DEVNAME=nvme1n1"));
        linker.added(event("add@/devices/x/nvme1n1", "SUBSYSTEM=nvme", "DEVNAME=nvme1n1"));
        linker.added(event("add@/devices/x/nvme1n1", "SUBSYSTEM=block"));
        linker.added(event("add@/devices/x/nvme1n1", "SUBSYSTEM=block", "DEVNAME=../nvme1n1"));
        // A partition whose number is missing: nothing linked, its disk not asked.
        linker.added(event("add@/devices/x/nvme1n1/nvme1n1p1", "DEVNAME=nvme1n1p1", "DEVTYPE=partition"));
        assertEquals(List.of(), nvme.asked);
        assertFalse(Files.exists(dir.resolve("dev/sdf"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static Uevent event(String... parts) {
        byte[] message = UeventTest.message(parts);
        return Uevent.parse(message, message.length).orElseThrow();
    }
}
