package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UeventTest {

    static byte[] message(String... parts) {
        return (String.join("\0", parts) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static Uevent parsed(byte[] message) {
        return Uevent.parse(message, message.length).orElseThrow();
    }

    @Test
    void anNvmeDiskAdded() {
        Uevent event = parsed(message(
                "add@/devices/pci0000:00/0000:00:04.0/nvme/nvme1/nvme1n1",
                "ACTION=add",
                "DEVPATH=/devices/pci0000:00/0000:00:04.0/nvme/nvme1/nvme1n1",
                "SUBSYSTEM=block",
                "MAJOR=259",
                "MINOR=1",
                "DEVNAME=nvme1n1",
                "DEVTYPE=disk",
                "DISKSEQ=9",
                "SEQNUM=1234"));
        assertEquals("add", event.action());
        assertEquals("/devices/pci0000:00/0000:00:04.0/nvme/nvme1/nvme1n1", event.devpath());
        assertTrue(event.isAdd());
        assertTrue(event.isBlock());
        assertEquals(Optional.of("nvme1n1"), event.devname());
        assertEquals(Optional.of("disk"), event.devtype());
        assertEquals(OptionalInt.empty(), event.partition());
        assertEquals("259", event.properties().get("MAJOR"));
    }

    @Test
    void aPartitionAddedNamesItsDisk() {
        Uevent event = parsed(message(
                "add@/devices/pci0000:00/0000:00:04.0/nvme/nvme1/nvme1n1/nvme1n1p2",
                "ACTION=add",
                "SUBSYSTEM=block",
                "DEVNAME=nvme1n1p2",
                "DEVTYPE=partition",
                "PARTN=2"));
        assertEquals(OptionalInt.of(2), event.partition());
        assertEquals(Optional.of("partition"), event.devtype());
        assertEquals(Optional.of("nvme1n1"), event.parentName());
    }

    @Test
    void otherSubsystemsAndActions() {
        assertFalse(parsed(message("add@/devices/virtual/net/eth1", "ACTION=add", "SUBSYSTEM=net", "INTERFACE=eth1"))
                .isBlock());
        // Upstream's rule: no SUBSYSTEM at all counts as block.
        assertTrue(parsed(message("add@/devices/x/nvme0n1", "DEVNAME=nvme0n1")).isBlock());
        Uevent removed = parsed(message("remove@/devices/x/nvme0n1", "ACTION=remove", "SUBSYSTEM=block"));
        assertFalse(removed.isAdd());
        assertEquals("remove", removed.action());
        assertEquals(
                "change", parsed(message("change@/devices/virtual/block/loop0")).action());
    }

    @Test
    void onlyTheLengthGivenIsRead() {
        byte[] message = message("add@/devices/x/nvme0n1", "DEVNAME=nvme0n1", "PARTN=1");
        byte[] buffer = new byte[8192];
        System.arraycopy(message, 0, buffer, 0, message.length);
        int withoutPartition = message.length - "PARTN=1\0".length();
        Uevent event = Uevent.parse(buffer, withoutPartition).orElseThrow();
        assertEquals(OptionalInt.empty(), event.partition());
        // Without the final NUL, the last pair still counts.
        assertEquals(
                OptionalInt.of(1),
                Uevent.parse(message, message.length - 1).orElseThrow().partition());
    }

    @Test
    void malformedMessages() {
        assertEquals(Optional.empty(), Uevent.parse(null, 10));
        assertEquals(Optional.empty(), Uevent.parse(new byte[10], 0));
        assertEquals(Optional.empty(), Uevent.parse(new byte[10], -1));
        // udev's rebroadcast has a binary header, not action@devpath.
        assertEquals(Optional.empty(), Uevent.parse(message("libudev", "ACTION=add"), 16));
        assertEquals(Optional.empty(), Uevent.parse(message("@/devices/x"), 12));
        assertEquals(Optional.empty(), Uevent.parse(message("add@"), 5));
        // Pairs without '=' or with an empty key are left out; values may hold '='.
        Uevent event = parsed(message("add@/devices/x/sda", "garbage", "=x", "DEVNAME=sda", "K=a=b", ""));
        assertEquals(2, event.properties().size());
        assertEquals("a=b", event.properties().get("K"));
        // A length past the buffer is the buffer.
        byte[] short_ = message("add@/d/sda", "DEVNAME=sda");
        assertEquals(
                Optional.of("sda"), Uevent.parse(short_, 1000).orElseThrow().devname());
    }

    @Test
    void unsafeNamesAndNumbersAreAbsent() {
        assertEquals(
                Optional.empty(), parsed(message("add@/d/x", "DEVNAME=../sda")).devname());
        assertEquals(
                Optional.empty(),
                parsed(message("add@/d/x", "DEVNAME=bus/usb/001")).devname());
        assertEquals(Optional.empty(), parsed(message("add@/d/x", "DEVNAME=")).devname());
        for (String partn : new String[] {"", "0", "-1", "x", "99999999999", "1.5"}) {
            assertEquals(
                    OptionalInt.empty(),
                    parsed(message("add@/d/x", "PARTN=" + partn)).partition(),
                    partn);
        }
        assertEquals(Optional.empty(), parsed(message("add@nvme0n1p1")).parentName());
        assertEquals(Optional.empty(), parsed(message("add@/nvme0n1p1")).parentName());
        assertEquals(
                Optional.of("nvme0n1"),
                parsed(message("add@/block/nvme0n1/nvme0n1p1/")).parentName());
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (bytes.length > 4 && random.nextBoolean()) {
                bytes[0] = 'a';
                bytes[1] = '@';
            }
            Uevent.parse(bytes, bytes.length).ifPresent(event -> {
                event.devname().ifPresent(name -> assertFalse(name.contains("/")));
                event.partition();
                event.parentName();
                event.isBlock();
            });
        }
    }
}
