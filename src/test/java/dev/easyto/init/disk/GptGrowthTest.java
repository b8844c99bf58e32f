package dev.easyto.init.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.disk.GptImages.Part;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GPT reading and growth at both logical block sizes, on images {@link GptImages} writes from the
 * UEFI layout: a table made for a 16 MiB disk on a disk grown to 64 MiB, as a root volume launched
 * larger than its image is.
 */
class GptGrowthTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private Path image;

    private static long perMib(int sectorSize) {
        return MIB / sectorSize;
    }

    private static long entriesSectors(int sectorSize) {
        return (long) GptImages.ENTRIES * GptImages.ENTRY_SIZE / sectorSize;
    }

    private GptTable table(int sectorSize) throws Exception {
        try (FileDisk disk = new FileDisk(image)) {
            return GptTable.read(disk, sectorSize, Files.size(image) / sectorSize);
        }
    }

    /** A table for 16 MiB with the root partition from 1 MiB to 9 MiB, on a disk of 64 MiB. */
    private void grownDisk(int sectorSize) throws IOException {
        image = dir.resolve("disk.img");
        long m = perMib(sectorSize);
        GptImages.write(image, sectorSize, 16 * m, new Part(m, 9 * m - 1, "root"));
        GptImages.grow(image, 64 * MIB);
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void growsToTheLastUsableBlockAlignedDownToOneMib(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        long m = perMib(sectorSize);
        long sectors = 64 * m;
        GptTable before = table(sectorSize);
        assertEquals(16 * m - 1, before.primary().alternateLba(), "the backup is where the image's end was");

        GptGrowth.Grow grow = assertInstanceOf(GptGrowth.Grow.class, GptGrowth.plan(before, 1));
        long lastUsable = sectors - 2 - entriesSectors(sectorSize);
        assertEquals(lastUsable, grow.lastUsableLba());
        assertEquals(63 * m - 1, grow.newLastLba(), "ends on the last 1 MiB boundary before the backup array");
        assertEquals(62 * MIB, grow.newBytes());
        try (FileDisk disk = new FileDisk(image)) {
            GptGrowth.apply(disk, before, grow);
        }

        GptTable after = table(sectorSize);
        assertEquals(63 * m - 1, after.partitions().getFirst().lastLba());
        assertEquals(m, after.partitions().getFirst().firstLba());
        assertEquals("root", after.partitions().getFirst().name());
        assertEquals(sectors - 1, after.primary().alternateLba());
        assertEquals(1, after.backup().alternateLba());
        assertEquals(sectors - 1 - entriesSectors(sectorSize), after.backup().entriesLba());
        assertEquals(lastUsable, after.primary().lastUsableLba());
        assertEquals(lastUsable, after.backup().lastUsableLba());
        assertEquals(2, after.primary().entriesLba());
        assertEquals(before.primary().diskGuid(), after.primary().diskGuid());
        assertCrcsHoldIndependently(sectorSize, 1);
        assertCrcsHoldIndependently(sectorSize, sectors - 1);
        assertEquals(sectors - 1, GptImages.longAt(image, 446 + 12) & 0xffffffffL, "protective MBR covers the disk");
    }

    /** The header and entries CRC32s recomputed here from the raw bytes, not by the code under test. */
    private void assertCrcsHoldIndependently(int sectorSize, long lba) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "r")) {
            byte[] header = new byte[92];
            file.seek(lba * sectorSize);
            file.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int stored = h.getInt(16);
            h.putInt(16, 0);
            assertEquals(stored, GptImages.crc(header, 92), "header CRC at LBA " + lba);
            byte[] entries = new byte[GptImages.ENTRIES * GptImages.ENTRY_SIZE];
            file.seek(h.getLong(72) * sectorSize);
            file.readFully(entries);
            assertEquals(h.getInt(88), GptImages.crc(entries, entries.length), "entries CRC of LBA " + lba);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aSecondRunChangesNothing(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        growIfPlanned(sectorSize);
        String once = digest();
        GptGrowth.Plan plan = GptGrowth.plan(table(sectorSize), 1);
        GptGrowth.Nothing nothing = assertInstanceOf(GptGrowth.Nothing.class, plan);
        assertEquals("partition 1 already fills its disk", nothing.reason());
        growIfPlanned(sectorSize);
        assertEquals(once, digest());
    }

    private void growIfPlanned(int sectorSize) throws Exception {
        GptTable table = table(sectorSize);
        if (GptGrowth.plan(table, 1) instanceof GptGrowth.Grow grow) {
            try (FileDisk disk = new FileDisk(image)) {
                GptGrowth.apply(disk, table, grow);
            }
        }
    }

    private String digest() throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(image)));
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aDiskAtMostOneMibLargerIsNotGrown(int sectorSize) throws Exception {
        image = dir.resolve("disk.img");
        long m = perMib(sectorSize);
        GptImages.write(image, sectorSize, 16 * m, new Part(m, 15 * m - 1, "root"));
        GptImages.grow(image, 17 * MIB);
        assertInstanceOf(GptGrowth.Nothing.class, GptGrowth.plan(table(sectorSize), 1));
        GptImages.grow(image, 18 * MIB);
        GptGrowth.Grow grow = assertInstanceOf(GptGrowth.Grow.class, GptGrowth.plan(table(sectorSize), 1));
        assertEquals(17 * m - 1, grow.newLastLba());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void onlyTheLastPartitionGrows(int sectorSize) throws Exception {
        image = dir.resolve("disk.img");
        long m = perMib(sectorSize);
        GptImages.write(image, sectorSize, 16 * m, new Part(m, 5 * m - 1, "root"), new Part(5 * m, 9 * m - 1, "data"));
        GptImages.grow(image, 64 * MIB);
        GptTable table = table(sectorSize);
        GptGrowth.Nothing nothing = assertInstanceOf(GptGrowth.Nothing.class, GptGrowth.plan(table, 1));
        assertEquals("partition 1 is not the last on its disk (partition 2 follows it)", nothing.reason());
        assertInstanceOf(GptGrowth.Grow.class, GptGrowth.plan(table, 2));
        GptException missing = assertThrows(GptException.class, () -> GptGrowth.plan(table, 3));
        assertEquals("the GPT has no partition 3", missing.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aCorruptPrimaryHeaderIsRefused(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        GptImages.flipByte(image, sectorSize + 48);
        GptException e = assertThrows(GptException.class, () -> table(sectorSize));
        assertTrue(e.getMessage().startsWith("primary GPT header CRC32 is 0x"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aCorruptBackupHeaderIsRefused(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        GptImages.flipByte(image, (16 * perMib(sectorSize) - 1) * sectorSize + 60);
        GptException e = assertThrows(GptException.class, () -> table(sectorSize));
        assertTrue(e.getMessage().startsWith("backup GPT header CRC32 is 0x"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void corruptEntriesAreRefused(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        GptImages.flipByte(image, 2L * sectorSize + 40);
        GptException e = assertThrows(GptException.class, () -> table(sectorSize));
        assertTrue(e.getMessage().startsWith("primary GPT entries CRC32 is 0x"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void aBackupThatLostItsSignatureIsRefused(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        GptImages.flipByte(image, (16 * perMib(sectorSize) - 1) * sectorSize);
        GptException e = assertThrows(GptException.class, () -> table(sectorSize));
        assertEquals("no backup GPT header (no \"EFI PART\" signature)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void theTableIsReadWithTheDisksBlockSize(int sectorSize) throws Exception {
        grownDisk(sectorSize);
        int other = sectorSize == 512 ? 4096 : 512;
        GptException e = assertThrows(GptException.class, () -> table(other));
        assertEquals("no primary GPT header (no \"EFI PART\" signature)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 4096})
    void overlappingPartitionsAreRefused(int sectorSize) throws Exception {
        image = dir.resolve("disk.img");
        long m = perMib(sectorSize);
        GptImages.write(image, sectorSize, 16 * m, new Part(m, 5 * m, "a"), new Part(5 * m, 9 * m - 1, "b"));
        GptException e = assertThrows(GptException.class, () -> table(sectorSize));
        assertEquals("GPT partitions 1 and 2 overlap", e.getMessage());
    }
}
