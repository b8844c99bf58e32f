package dev.easyto.init.disk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A disk's GPT read with the disk's logical block size and verified as a whole: the primary header
 * at LBA 1 and the backup header where the primary says, each with a good CRC, pointing at each
 * other, describing the same disk (GUID, usable range, entry geometry) with the same entries, and
 * entries whose CRC matches and that lie within the usable range without overlapping. Anything
 * less is a {@link GptException}: a table that does not verify is never rewritten.
 */
public final class GptTable {
    private final int sectorSize;
    private final long diskSectors;
    private final GptHeader primary;
    private final GptHeader backup;
    private final byte[] entries;
    private final List<GptEntry> used;

    private GptTable(
            int sectorSize,
            long diskSectors,
            GptHeader primary,
            GptHeader backup,
            byte[] entries,
            List<GptEntry> used) {
        this.sectorSize = sectorSize;
        this.diskSectors = diskSectors;
        this.primary = primary;
        this.backup = backup;
        this.entries = entries;
        this.used = used;
    }

    /**
     * Reads and verifies the table.
     *
     * @param sectorSize the logical block size, 512 or 4096
     * @param diskSectors the disk's size in logical blocks
     */
    public static GptTable read(DiskImage disk, int sectorSize, long diskSectors) throws GptException {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new GptException("logical block size " + sectorSize + " is neither 512 nor 4096");
        }
        if (diskSectors < 6) {
            throw new GptException("a disk of " + diskSectors + " blocks is too small for a GPT");
        }
        GptHeader primary = GptHeader.parse(sector(disk, 1, sectorSize), "primary");
        if (primary.myLba() != 1) {
            throw new GptException("primary GPT header says it is at LBA " + primary.myLba() + ", not 1");
        }
        long alternate = primary.alternateLba();
        if (alternate <= 1 || alternate >= diskSectors) {
            throw new GptException("primary GPT header puts the backup at LBA " + alternate + ", outside the disk's "
                    + diskSectors + " blocks");
        }
        byte[] entries = entries(disk, primary, sectorSize, diskSectors, "primary");
        GptHeader backup = GptHeader.parse(sector(disk, alternate, sectorSize), "backup");
        if (backup.myLba() != alternate || backup.alternateLba() != 1) {
            throw new GptException("backup GPT header at LBA " + alternate + " says it is at LBA " + backup.myLba()
                    + " with its primary at LBA " + backup.alternateLba());
        }
        checkSameDisk(primary, backup);
        byte[] backupEntries = entries(disk, backup, sectorSize, diskSectors, "backup");
        if (!Arrays.equals(entries, backupEntries)) {
            throw new GptException("primary and backup GPT entries differ");
        }
        checkLayout(primary, alternate);
        List<GptEntry> used = usedEntries(primary, entries);
        return new GptTable(sectorSize, diskSectors, primary, backup, entries, used);
    }

    private static byte[] sector(DiskImage disk, long lba, int sectorSize) {
        byte[] sector = new byte[sectorSize];
        disk.read(lba * sectorSize, sector);
        return sector;
    }

    private static byte[] entries(DiskImage disk, GptHeader header, int sectorSize, long diskSectors, String which)
            throws GptException {
        long lba = header.entriesLba();
        long sectors = sectorsFor(header.entriesBytes(), sectorSize);
        if (lba < 2 || lba + sectors > diskSectors) {
            throw new GptException(which + " GPT entries at LBA " + lba + " (" + sectors
                    + " blocks) are not within the disk's " + diskSectors + " blocks");
        }
        byte[] entries = new byte[header.entriesBytes()];
        disk.read(lba * sectorSize, entries);
        int crc = GptHeader.crc(entries);
        if (crc != header.entriesCrc()) {
            throw new GptException(which + " GPT entries CRC32 is " + GptHeader.hex(header.entriesCrc())
                    + ", their bytes give " + GptHeader.hex(crc));
        }
        return entries;
    }

    private static void checkSameDisk(GptHeader primary, GptHeader backup) throws GptException {
        if (!primary.diskGuid().equals(backup.diskGuid())
                || primary.firstUsableLba() != backup.firstUsableLba()
                || primary.lastUsableLba() != backup.lastUsableLba()
                || primary.entryCount() != backup.entryCount()
                || primary.entrySize() != backup.entrySize()
                || primary.entriesCrc() != backup.entriesCrc()) {
            throw new GptException("primary and backup GPT headers describe different disks or entries");
        }
    }

    /** Usable blocks after the primary array and before the backup array, as the standard lays them out. */
    private static void checkLayout(GptHeader primary, long alternate) throws GptException {
        if (primary.lastUsableLba() >= alternate) {
            throw new GptException("GPT's last usable LBA " + primary.lastUsableLba()
                    + " is not before the backup at LBA " + alternate);
        }
        if (primary.firstUsableLba() < 2) {
            throw new GptException("GPT's first usable LBA " + primary.firstUsableLba() + " overlaps the header");
        }
    }

    private static List<GptEntry> usedEntries(GptHeader header, byte[] entries) throws GptException {
        List<GptEntry> used = new ArrayList<>();
        for (int i = 0; i < header.entryCount(); i++) {
            GptEntry entry = GptEntry.parse(entries, i, header.entrySize());
            if (entry == null) {
                continue;
            }
            if (entry.firstLba() < header.firstUsableLba()
                    || entry.lastLba() > header.lastUsableLba()
                    || entry.firstLba() > entry.lastLba()) {
                throw new GptException("GPT partition " + entry.number() + " (LBA " + entry.firstLba() + "-"
                        + entry.lastLba() + ") is not within the usable LBAs " + header.firstUsableLba() + "-"
                        + header.lastUsableLba());
            }
            for (GptEntry other : used) {
                if (entry.firstLba() <= other.lastLba() && other.firstLba() <= entry.lastLba()) {
                    throw new GptException("GPT partitions " + other.number() + " and " + entry.number() + " overlap");
                }
            }
            used.add(entry);
        }
        return List.copyOf(used);
    }

    static long sectorsFor(long bytes, int sectorSize) {
        return (bytes + sectorSize - 1) / sectorSize;
    }

    public int sectorSize() {
        return sectorSize;
    }

    public long diskSectors() {
        return diskSectors;
    }

    public GptHeader primary() {
        return primary;
    }

    public GptHeader backup() {
        return backup;
    }

    /** The used entries, in array order. */
    public List<GptEntry> partitions() {
        return used;
    }

    byte[] entriesBytes() {
        return entries.clone();
    }
}
