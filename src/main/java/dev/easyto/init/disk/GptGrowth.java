package dev.easyto.init.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Growing the partition that holds {@code /} to the end of its disk, as growpart does and upstream
 * means to: the partition's new end is the disk's last usable block aligned down to 1 MiB, and it
 * grows only when it is the last partition and would gain more than 1 MiB (upstream's Rust release
 * asked for 512 MiB by mistake). Both copies of the table are rewritten for the disk's present size
 * (the backup header at its last block, its array just before), with the last usable LBA moved
 * there and fresh CRCs.
 */
public final class GptGrowth {
    static final long ALIGN_BYTES = 1024 * 1024;

    private GptGrowth() {}

    /** What {@link #plan} decided. */
    public sealed interface Plan permits Grow, Nothing {}

    /**
     * Grow partition {@code partition} from {@code oldLastLba} to {@code newLastLba} (inclusive),
     * the table's last usable LBA becoming {@code lastUsableLba}.
     */
    public record Grow(
            int partition, long firstLba, long oldLastLba, long newLastLba, long lastUsableLba, int sectorSize)
            implements Plan {
        public long newBytes() {
            return (newLastLba - firstLba + 1) * sectorSize;
        }

        public long oldBytes() {
            return (oldLastLba - firstLba + 1) * sectorSize;
        }
    }

    /** Nothing to do, and why (already full, not the last partition). */
    public record Nothing(String reason) implements Plan {}

    /**
     * Whether partition {@code partition} can grow, and to where.
     *
     * @param partition the 1-based partition number of the root partition, as the kernel numbers it
     */
    public static Plan plan(GptTable table, int partition) throws GptException {
        GptEntry root = table.partitions().stream()
                .filter(e -> e.number() == partition)
                .findFirst()
                .orElseThrow(() -> new GptException("the GPT has no partition " + partition));
        for (GptEntry other : table.partitions()) {
            if (other.number() != partition
                    && (other.lastLba() > root.lastLba() || other.firstLba() > root.firstLba())) {
                return new Nothing("partition " + partition + " is not the last on its disk (partition "
                        + other.number() + " follows it)");
            }
        }
        long lastUsable = lastUsable(table);
        long align = ALIGN_BYTES / table.sectorSize();
        long newLast = (lastUsable + 1) / align * align - 1;
        if (newLast - root.lastLba() <= align) {
            return new Nothing("partition " + partition + " already fills its disk");
        }
        return new Grow(partition, root.firstLba(), root.lastLba(), newLast, lastUsable, table.sectorSize());
    }

    /** The disk's last usable block once the backup array sits just before the last block. */
    private static long lastUsable(GptTable table) {
        long entriesSectors = GptTable.sectorsFor(table.primary().entriesBytes(), table.sectorSize());
        return table.diskSectors() - 1 - entriesSectors - 1;
    }

    /**
     * Writes the grown table: the backup array and header at the disk's end first, then the
     * primary ones. Until the primary header is written it still points at the old backup, which
     * is left as it was, so a stop half-way leaves the old table whole on disk.
     */
    public static void apply(DiskImage disk, GptTable table, Grow grow) {
        int sectorSize = table.sectorSize();
        GptHeader primary = table.primary();
        byte[] entries = table.entriesBytes();
        int base = (grow.partition() - 1) * primary.entrySize();
        ByteBuffer.wrap(entries)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(base + GptEntry.OFFSET_LAST_LBA, grow.newLastLba());
        int entriesCrc = GptHeader.crc(entries);
        long alternate = table.diskSectors() - 1;
        long backupEntries = alternate - GptTable.sectorsFor(entries.length, sectorSize);
        GptHeader newBackup = primary.relocated(alternate, 1, backupEntries, grow.lastUsableLba(), entriesCrc);
        GptHeader newPrimary = primary.relocated(1, alternate, primary.entriesLba(), grow.lastUsableLba(), entriesCrc);
        disk.write(backupEntries * sectorSize, entries);
        disk.write(alternate * sectorSize, newBackup.sector(sectorSize));
        disk.flush();
        disk.write(primary.entriesLba() * sectorSize, entries);
        disk.write(sectorSize, newPrimary.sector(sectorSize));
        updateProtectiveMbr(disk, table.diskSectors());
        disk.flush();
    }

    /**
     * A protective MBR (one 0xEE partition from LBA 1) covers the whole disk, up to 2^32-1 blocks,
     * as fdisk and sgdisk keep it; a hybrid or missing MBR is left alone.
     */
    private static void updateProtectiveMbr(DiskImage disk, long diskSectors) {
        byte[] mbr = new byte[512];
        disk.read(0, mbr);
        ByteBuffer le = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
        boolean protective = (mbr[510] & 0xff) == 0x55
                && (mbr[511] & 0xff) == 0xaa
                && (mbr[446 + 4] & 0xff) == 0xee
                && le.getInt(446 + 8) == 1;
        for (int i = 1; i < 4; i++) {
            protective &= mbr[446 + 16 * i + 4] == 0;
        }
        if (!protective) {
            return;
        }
        int size = (int) Math.min(diskSectors - 1, 0xffff_ffffL);
        if (le.getInt(446 + 12) != size) {
            le.putInt(446 + 12, size);
            disk.write(0, mbr);
        }
    }
}
