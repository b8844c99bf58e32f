package dev.easyto.init.disk;

/**
 * Whole-disk reads and writes at byte offsets, the only way the GPT code reaches a disk: the
 * parsing itself makes no system call, so tests run it on byte arrays and files.
 */
public interface DiskImage {

    /** Fills {@code into} from {@code offset}; a short read is an error. */
    void read(long offset, byte[] into);

    /** Writes all of {@code data} at {@code offset}. */
    void write(long offset, byte[] data);

    /** Waits until what was written is on the device. */
    void flush();
}
