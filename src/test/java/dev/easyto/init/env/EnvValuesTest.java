package dev.easyto.init.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.spec.NameValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvValuesTest {
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scalarMembersBecomeVariablesInOrderAndTheRestIsSkipped() throws Exception {
        byte[] json = utf8("""
                {"HOST": "db.local", "PORT": 5432, "RATIO": 0.5, "BIG": 12345678901234567890,
                 "ON": true, "OFF": false, "EMPTY": "", "NOTHING": null, "LIST": [1, 2],
                 "NESTED": {"A": "b"}, "UNICODE": "h\\u00e9"}
                """);
        assertEquals(
                List.of(
                        new NameValue("HOST", "db.local"),
                        new NameValue("PORT", "5432"),
                        new NameValue("RATIO", "0.5"),
                        new NameValue("BIG", "12345678901234567890"),
                        new NameValue("ON", "true"),
                        new NameValue("OFF", "false"),
                        new NameValue("EMPTY", ""),
                        new NameValue("UNICODE", "hé")),
                EnvValues.jsonObject(json, "test"));
    }

    @Test
    void anEmptyObjectGivesNoVariables() throws Exception {
        assertEquals(List.of(), EnvValues.jsonObject(utf8(" {} \n"), "test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "\"text\"", "42", "true", "null", "", "   "})
    void anythingButAnObjectIsAnError(String value) {
        EnvSourceException e =
                assertThrows(EnvSourceException.class, () -> EnvValues.jsonObject(utf8(value), "ssm parameter /p"));
        assertTrue(e.getMessage().startsWith("ssm parameter /p: value must be a JSON object, got "), e.getMessage());
    }

    @Test
    void invalidJsonIsAnErrorThatDoesNotQuoteTheValue() {
        EnvSourceException e = assertThrows(
                EnvSourceException.class,
                () -> EnvValues.jsonObject(utf8("hunter2-is-my-password"), "s3 object s3://b/k"));
        assertEquals("s3 object s3://b/k: value is not JSON (set name to use it as one variable)", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
        EnvSourceException truncated =
                assertThrows(EnvSourceException.class, () -> EnvValues.jsonObject(utf8("{\"A\": \"sec"), "x"));
        assertFalse(truncated.getMessage().contains("sec\""), truncated.getMessage());
    }

    @Test
    void duplicateNamesAreAnError() {
        assertThrows(EnvSourceException.class, () -> EnvValues.jsonObject(utf8("{\"A\": \"1\", \"A\": \"2\"}"), "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"\": \"v\"}", "{\"A=B\": \"v\"}", "{\"A\\u0000\": \"v\"}", "{\"A\": \"v\\u0000\"}"})
    void namesAndValuesAProcessEnvironmentCannotHoldAreErrors(String json) {
        assertThrows(EnvSourceException.class, () -> EnvValues.jsonObject(utf8(json), "x"));
    }

    @Test
    void aNamedValueIsKeptAsItIs() throws Exception {
        assertEquals(
                new NameValue("KEY", "  line one\nline two\n"),
                EnvValues.single("KEY", utf8("  line one\nline two\n"), false, "x"));
        assertEquals(new NameValue("KEY", ""), EnvValues.single("KEY", new byte[0], false, "x"));
    }

    @Test
    void base64EncodeGivesStandardPaddedBase64OfTheRawBytes() throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xfb};
        assertEquals(new NameValue("BIN", "//4AAfs="), EnvValues.single("BIN", binary, true, "x"));
        assertEquals(new NameValue("T", "aGk+Pz8="), EnvValues.single("T", utf8("hi>??"), true, "x"));
        assertEquals(new NameValue("E", ""), EnvValues.single("E", new byte[0], true, "x"));
    }

    @Test
    void binaryWithoutBase64IsAnErrorThatSaysWhatToDo() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x41};
        EnvSourceException e = assertThrows(
                EnvSourceException.class, () -> EnvValues.single("BIN", binary, false, "secrets-manager secret s"));
        assertEquals(
                "secrets-manager secret s: value is not UTF-8 text (set base64-encode: true for binary values)",
                e.getMessage());
        assertThrows(EnvSourceException.class, () -> EnvValues.single("NUL", new byte[] {0x41, 0x00}, false, "x"));
    }
}
