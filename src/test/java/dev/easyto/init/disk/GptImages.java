package dev.easyto.init.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * GPT disk images written byte by byte from the UEFI layout, independently of the code under test:
 * a protective MBR, the primary header at LBA 1 with 128 entries of 128 bytes from LBA 2, the
 * backup array and header at the end of a disk of {@code sectors} blocks. The file may then be
 * made longer, as a volume launched larger than its image is.
 */
final class GptImages {
    static final byte[] LINUX_FS_TYPE = guid(0x0fc63daf, 0x8483, 0x4772, 0x8e793d69d8477de4L);
    static final int ENTRIES = 128;
    static final int ENTRY_SIZE = 128;

    private GptImages() {}

    /** A partition from {@code first} to {@code last} (inclusive LBAs). */
    record Part(long first, long last, String name) {}

    static void write(Path image, int sectorSize, long sectors, Part... parts) throws IOException {
        int entriesBytes = ENTRIES * ENTRY_SIZE;
        long entriesSectors = ((long) entriesBytes + sectorSize - 1) / sectorSize;
        long firstUsable = 2 + entriesSectors;
        long lastUsable = sectors - 2 - entriesSectors;
        byte[] entries = new byte[entriesBytes];
        ByteBuffer e = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < parts.length; i++) {
            int base = i * ENTRY_SIZE;
            e.put(base, LINUX_FS_TYPE);
            e.put(base + 16, guid(0x11110000 + i, 0x2222, 0x3333, 0x4444555566667777L));
            e.putLong(base + 32, parts[i].first());
            e.putLong(base + 40, parts[i].last());
            byte[] name = parts[i].name().getBytes(StandardCharsets.UTF_16LE);
            e.put(base + 56, name);
        }
        int entriesCrc = crc(entries, entriesBytes);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(sectors * sectorSize);
            file.seek(0);
            file.write(protectiveMbr(sectors));
            file.seek(sectorSize);
            file.write(header(sectorSize, 1, sectors - 1, firstUsable, lastUsable, 2, entriesCrc));
            file.seek(2L * sectorSize);
            file.write(entries);
            long backupEntries = sectors - 1 - entriesSectors;
            file.seek(backupEntries * sectorSize);
            file.write(entries);
            file.seek((sectors - 1) * sectorSize);
            file.write(header(sectorSize, sectors - 1, 1, firstUsable, lastUsable, backupEntries, entriesCrc));
        }
    }

    static void grow(Path image, long bytes) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(bytes);
        }
    }

    private static byte[] header(
            int sectorSize,
            long my,
            long alternate,
            long firstUsable,
            long lastUsable,
            long entriesLba,
            int entriesCrc) {
        byte[] sector = new byte[sectorSize];
        ByteBuffer h = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, "EFI PART".getBytes(StandardCharsets.US_ASCII));
        h.putInt(8, 0x00010000);
        h.putInt(12, 92);
        h.putLong(24, my);
        h.putLong(32, alternate);
        h.putLong(40, firstUsable);
        h.putLong(48, lastUsable);
        h.put(56, guid(0xdeadbeef, 0x1234, 0x5678, 0x9abcdef012345678L));
        h.putLong(72, entriesLba);
        h.putInt(80, ENTRIES);
        h.putInt(84, ENTRY_SIZE);
        h.putInt(88, entriesCrc);
        h.putInt(16, crc(sector, 92));
        return sector;
    }

    static byte[] protectiveMbr(long sectors) {
        byte[] mbr = new byte[512];
        ByteBuffer m = ByteBuffer.wrap(mbr).order(ByteOrder.LITTLE_ENDIAN);
        mbr[446 + 4] = (byte) 0xee;
        m.putInt(446 + 8, 1);
        m.putInt(446 + 12, (int) Math.min(sectors - 1, 0xffffffffL));
        mbr[510] = 0x55;
        mbr[511] = (byte) 0xaa;
        return mbr;
    }

    static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    /** A GUID's 16 bytes as stored: the first three fields little-endian, the last eight big-endian. */
    static byte[] guid(int a, int b, int c, long d) {
        ByteBuffer g = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(a).putShort((short) b).putShort((short) c);
        g.order(ByteOrder.BIG_ENDIAN).putLong(d);
        return g.array();
    }

    /** The 8 bytes at {@code offset} of the file, little-endian. */
    static long longAt(Path image, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "r")) {
            byte[] bytes = new byte[8];
            file.seek(offset);
            file.readFully(bytes);
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    static void flipByte(Path image, long offset) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.seek(offset);
            int value = file.read();
            file.seek(offset);
            file.write(value ^ 0xff);
        }
    }
}
