package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class UserDataTextTest {
    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    @Test
    void plainTextPassesThrough() throws SpecException {
        assertEquals("debug: true\n", UserDataText.decode("debug: true\n".getBytes(StandardCharsets.UTF_8), "ud"));
    }

    @Test
    void gzipIsDetectedByMagicAndInflated() throws Exception {
        byte[] compressed = gzip("disable-services: [ssh]\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(UserDataText.isGzip(compressed));
        assertEquals("disable-services: [ssh]\n", UserDataText.decode(compressed, "ud"));
    }

    @Test
    void truncatedGzipIsAClearError() throws Exception {
        byte[] compressed = gzip("debug: true\n".repeat(10).getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
        SpecException e = assertThrows(SpecException.class, () -> UserDataText.decode(truncated, "ud"));
        assertTrue(e.errors().getFirst().message().startsWith("user data starts like gzip but is not valid gzip"));
    }

    @Test
    void gzipBombIsRefused() throws Exception {
        byte[] bomb = gzip(new byte[UserDataText.MAX_DECOMPRESSED_BYTES + 1]);
        SpecException e = assertThrows(SpecException.class, () -> UserDataText.decode(bomb, "ud"));
        assertTrue(e.errors().getFirst().message().contains("expands to more than"));
    }

    @Test
    void invalidUtf8IsRefusedAndABomIsDropped() throws SpecException {
        assertThrows(SpecException.class, () -> UserDataText.decode(new byte[] {'a', (byte) 0xC3, '(', '\n'}, "ud"));
        assertEquals("x: 1", UserDataText.decode("\uFEFFx: 1".getBytes(StandardCharsets.UTF_8), "ud"));
    }
}
