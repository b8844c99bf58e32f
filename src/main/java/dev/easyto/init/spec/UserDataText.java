package dev.easyto.init.spec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * User data bytes as IMDS returns them to text: gunzipped when they start with the gzip magic
 * (upstream Z, to fit more into EC2's 16 KiB limit), then decoded as strict UTF-8.
 */
public final class UserDataText {
    /** Bound on decompressed size, so a gzip bomb cannot exhaust PID 1's memory. */
    static final int MAX_DECOMPRESSED_BYTES = 1024 * 1024;

    private UserDataText() {}

    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    public static String decode(byte[] bytes, String source) throws SpecException {
        byte[] plain = isGzip(bytes) ? gunzip(bytes, source) : bytes;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(plain)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SpecException(SpecProblem.error(source, 0, 0, "", "user data is not valid UTF-8 text"));
        }
    }

    private static byte[] gunzip(byte[] bytes, String source) throws SpecException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECOMPRESSED_BYTES) {
                    throw new SpecException(SpecProblem.error(
                            source,
                            0,
                            0,
                            "",
                            "gzip user data expands to more than " + MAX_DECOMPRESSED_BYTES + " bytes"));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new SpecException(SpecProblem.error(
                    source, 0, 0, "", "user data starts like gzip but is not valid gzip: " + e.getMessage()));
        }
    }
}
