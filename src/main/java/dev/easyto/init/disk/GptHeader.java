package dev.easyto.init.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * One GPT header (UEFI 2.10 §5.3.2), kept as its raw bytes so that a rewrite changes only the
 * fields it means to and keeps the rest (reserved bytes, a header larger than 92 bytes) as it was.
 * All fields are little-endian.
 */
public final class GptHeader {
    static final byte[] SIGNATURE = "EFI PART".getBytes(StandardCharsets.US_ASCII);
    static final int REVISION_1_0 = 0x0001_0000;
    static final int MIN_SIZE = 92;

    static final int OFFSET_REVISION = 8;
    static final int OFFSET_HEADER_SIZE = 12;
    static final int OFFSET_HEADER_CRC = 16;
    static final int OFFSET_MY_LBA = 24;
    static final int OFFSET_ALTERNATE_LBA = 32;
    static final int OFFSET_FIRST_USABLE = 40;
    static final int OFFSET_LAST_USABLE = 48;
    static final int OFFSET_DISK_GUID = 56;
    static final int OFFSET_ENTRIES_LBA = 72;
    static final int OFFSET_ENTRY_COUNT = 80;
    static final int OFFSET_ENTRY_SIZE = 84;
    static final int OFFSET_ENTRIES_CRC = 88;

    /** More would be a table no tool makes; the bound keeps a corrupt count from a huge read. */
    static final int MAX_ENTRIES_BYTES = 1024 * 1024;

    private final byte[] bytes;

    private GptHeader(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The header in {@code sector} (the whole logical block), checked on its own: signature,
     * revision, size, CRC32 and sane entry geometry. Whether it agrees with its other copy and with
     * its entries is {@link GptTable}'s to check.
     *
     * @param which "primary" or "backup", for the messages
     */
    static GptHeader parse(byte[] sector, String which) throws GptException {
        if (!Arrays.equals(sector, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new GptException("no " + which + " GPT header (no \"EFI PART\" signature)");
        }
        ByteBuffer le = ByteBuffer.wrap(sector).order(ByteOrder.LITTLE_ENDIAN);
        int revision = le.getInt(OFFSET_REVISION);
        if (revision != REVISION_1_0) {
            throw new GptException(which + " GPT header has revision 0x" + Integer.toHexString(revision) + ", not 0x"
                    + Integer.toHexString(REVISION_1_0));
        }
        int size = le.getInt(OFFSET_HEADER_SIZE);
        if (size < MIN_SIZE || size > sector.length) {
            throw new GptException(which + " GPT header size " + Integer.toUnsignedString(size) + " is not between "
                    + MIN_SIZE + " and " + sector.length);
        }
        GptHeader header = new GptHeader(Arrays.copyOf(sector, size));
        int stored = le.getInt(OFFSET_HEADER_CRC);
        int computed = header.computeCrc();
        if (stored != computed) {
            throw new GptException(which + " GPT header CRC32 is " + hex(stored) + ", its bytes give " + hex(computed));
        }
        long entrySize = Integer.toUnsignedLong(header.entrySize());
        long count = Integer.toUnsignedLong(header.entryCount());
        if (entrySize < GptEntry.MIN_SIZE || entrySize % GptEntry.MIN_SIZE != 0) {
            throw new GptException(which + " GPT entry size " + entrySize + " is not a multiple of 128");
        }
        if (count == 0 || count * entrySize > MAX_ENTRIES_BYTES) {
            throw new GptException(which + " GPT has " + count + " entries of " + entrySize + " bytes");
        }
        if (header.firstUsableLba() > header.lastUsableLba()) {
            throw new GptException(which + " GPT's first usable LBA " + header.firstUsableLba()
                    + " is after its last usable LBA " + header.lastUsableLba());
        }
        return header;
    }

    private int computeCrc() {
        byte[] zeroed = bytes.clone();
        ByteBuffer.wrap(zeroed).order(ByteOrder.LITTLE_ENDIAN).putInt(OFFSET_HEADER_CRC, 0);
        CRC32 crc = new CRC32();
        crc.update(zeroed);
        return (int) crc.getValue();
    }

    static String hex(int value) {
        return String.format("0x%08x", value);
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public int size() {
        return bytes.length;
    }

    public int headerCrc() {
        return le().getInt(OFFSET_HEADER_CRC);
    }

    public long myLba() {
        return le().getLong(OFFSET_MY_LBA);
    }

    public long alternateLba() {
        return le().getLong(OFFSET_ALTERNATE_LBA);
    }

    public long firstUsableLba() {
        return le().getLong(OFFSET_FIRST_USABLE);
    }

    public long lastUsableLba() {
        return le().getLong(OFFSET_LAST_USABLE);
    }

    /** The disk GUID's 16 bytes in hex, as stored (mixed-endian), enough to compare two copies. */
    public String diskGuid() {
        return HexFormat.of().formatHex(bytes, OFFSET_DISK_GUID, OFFSET_DISK_GUID + 16);
    }

    public long entriesLba() {
        return le().getLong(OFFSET_ENTRIES_LBA);
    }

    public int entryCount() {
        return le().getInt(OFFSET_ENTRY_COUNT);
    }

    public int entrySize() {
        return le().getInt(OFFSET_ENTRY_SIZE);
    }

    public int entriesCrc() {
        return le().getInt(OFFSET_ENTRIES_CRC);
    }

    /** Bytes of the entry array: count times size. */
    public int entriesBytes() {
        return entryCount() * entrySize();
    }

    /**
     * A copy with the given locations and last usable LBA and a fresh CRC; everything else (disk
     * GUID, entry geometry, entries CRC, reserved bytes) unchanged.
     */
    GptHeader relocated(long myLba, long alternateLba, long entriesLba, long lastUsableLba, int entriesCrc) {
        byte[] copy = bytes.clone();
        ByteBuffer le = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        le.putLong(OFFSET_MY_LBA, myLba);
        le.putLong(OFFSET_ALTERNATE_LBA, alternateLba);
        le.putLong(OFFSET_ENTRIES_LBA, entriesLba);
        le.putLong(OFFSET_LAST_USABLE, lastUsableLba);
        le.putInt(OFFSET_ENTRIES_CRC, entriesCrc);
        GptHeader header = new GptHeader(copy);
        le.putInt(OFFSET_HEADER_CRC, header.computeCrc());
        return header;
    }

    /** The header as a whole logical block, zero after its size, as it is written. */
    byte[] sector(int sectorSize) {
        return Arrays.copyOf(bytes, sectorSize);
    }

    static int crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue();
    }
}
