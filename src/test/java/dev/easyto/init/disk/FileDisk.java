package dev.easyto.init.disk;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A disk image file as a {@link DiskImage}, counting writes so a test can tell nothing was written. */
final class FileDisk implements DiskImage, AutoCloseable {
    private final RandomAccessFile file;
    int writes;

    FileDisk(Path path) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
    }

    @Override
    public void read(long offset, byte[] into) {
        try {
            file.seek(offset);
            file.readFully(into);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(long offset, byte[] data) {
        try {
            file.seek(offset);
            file.write(data);
            writes++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            file.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
