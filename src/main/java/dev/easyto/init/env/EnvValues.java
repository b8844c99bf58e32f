package dev.easyto.init.env;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.easyto.init.spec.NameValue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a fetched value into variables (docs/behaviour.md §2.3): with a {@code name}, the bytes
 * are one variable; without, they must be a JSON object whose scalar members become variables.
 * Messages name the source and what was wrong with the value, never the value itself.
 */
public final class EnvValues {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EnvValues() {}

    /**
     * One variable. The bytes are kept as they are (upstream's documented behaviour: no trimming),
     * standard padded base64 when {@code base64Encode}, which is how binary values get through.
     */
    public static NameValue single(String name, byte[] value, boolean base64Encode, String source)
            throws EnvSourceException {
        if (base64Encode) {
            return new NameValue(name, Base64.getEncoder().encodeToString(value));
        }
        String text = utf8(value, source);
        if (text.indexOf('\0') >= 0) {
            throw new EnvSourceException(
                    source + ": value contains a NUL byte (set base64-encode: true for binary values)");
        }
        return new NameValue(name, text);
    }

    /**
     * One variable per member of a JSON object: strings as they are, numbers as written, booleans
     * as {@code true}/{@code false}; null, array and object members are skipped, as upstream's
     * current release does. Anything but an object is an error.
     */
    public static List<NameValue> jsonObject(byte[] value, String source) throws EnvSourceException {
        JsonNode root;
        try {
            root = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // The parser's message quotes the offending text, which may be a secret.
            throw new EnvSourceException(source + ": value is not JSON (set name to use it as one variable)");
        } catch (IOException e) {
            throw new EnvSourceException(
                    source + ": unable to read value: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            String kind = root == null || root.isMissingNode()
                    ? "empty"
                    : root.getNodeType().name().toLowerCase(Locale.ROOT);
            throw new EnvSourceException(
                    source + ": value must be a JSON object, got " + kind + " (set name to use it as one variable)");
        }
        List<NameValue> variables = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : root.properties()) {
            checkName(member.getKey(), source);
            JsonNode node = member.getValue();
            if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
                throw new EnvSourceException(source + ": value of " + member.getKey() + " contains a NUL character");
            }
            if (node.isTextual()) {
                variables.add(new NameValue(member.getKey(), node.textValue()));
            } else if (node.isNumber() || node.isBoolean()) {
                variables.add(new NameValue(member.getKey(), node.asText()));
            }
        }
        return variables;
    }

    /** A process environment cannot hold a name that is empty or has {@code =} or NUL in it. */
    private static void checkName(String name, String source) throws EnvSourceException {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new EnvSourceException(source + ": '" + name.replace("\0", "\\0")
                    + "' cannot be an environment variable name (empty, or contains '=' or NUL)");
        }
    }

    private static String utf8(byte[] value, String source) throws EnvSourceException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new EnvSourceException(
                    source + ": value is not UTF-8 text (set base64-encode: true for binary values)");
        }
    }
}
