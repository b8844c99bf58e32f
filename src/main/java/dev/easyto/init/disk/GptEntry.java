package dev.easyto.init.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One used partition entry: its 1-based number (what Linux names the partition by: {@code vda1}
 * is entry 0), first and last LBA (inclusive) and name.
 */
public record GptEntry(int number, long firstLba, long lastLba, String name) {
    static final int MIN_SIZE = 128;
    static final int OFFSET_FIRST_LBA = 32;
    static final int OFFSET_LAST_LBA = 40;
    private static final int OFFSET_NAME = 56;
    private static final int NAME_BYTES = 72;

    /** The entry at {@code index} of the array, or null when it is unused (an all-zero type GUID). */
    static GptEntry parse(byte[] entries, int index, int entrySize) {
        int base = index * entrySize;
        boolean used = false;
        for (int i = 0; i < 16; i++) {
            used |= entries[base + i] != 0;
        }
        if (!used) {
            return null;
        }
        ByteBuffer le = ByteBuffer.wrap(entries).order(ByteOrder.LITTLE_ENDIAN);
        String name = new String(entries, base + OFFSET_NAME, NAME_BYTES, StandardCharsets.UTF_16LE);
        int end = name.indexOf('\0');
        return new GptEntry(
                index + 1,
                le.getLong(base + OFFSET_FIRST_LBA),
                le.getLong(base + OFFSET_LAST_LBA),
                end < 0 ? name : name.substring(0, end));
    }

    public long sectors() {
        return lastLba - firstLba + 1;
    }
}
