package dev.easyto.init.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hex for byte-exact tests: whitespace in expected strings is for the reader only. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A capture under {@code src/test/resources/net}, one datagram as hex. */
    static byte[] resource(String name) {
        try (InputStream in = Hex.class.getResourceAsStream("/net/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /net/" + name);
            }
            return bytes(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} zero bytes, as hex. */
    static String zeros(int count) {
        return "00".repeat(count);
    }
}
