package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.TestImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageConfigReaderTest {
    @Test
    void readsTheFieldsTheInitUses() throws SpecException {
        ImageConfig image = ImageConfigReader.parse("""
                {"config":{"Entrypoint":["/e"],"Cmd":["a","b"],"Env":["A=1","B=x=y","C"],
                 "User":"app:staff","WorkingDir":"/w","StopSignal":"SIGQUIT","Labels":{"x":"y"}}}
                """, "m.json");
        assertEquals(List.of("/e"), image.entrypoint());
        assertEquals(List.of("a", "b"), image.cmd());
        assertEquals(List.of(new NameValue("A", "1"), new NameValue("B", "x=y"), new NameValue("C", "")), image.env());
        assertEquals("app:staff", image.user());
        assertEquals("/w", image.workingDir());
        assertEquals("SIGQUIT", image.stopSignal());
    }

    @Test
    void upstreamTestImageMetadata() throws SpecException {
        ImageConfig image = ImageConfigReader.parse(TestImage.UPSTREAM_METADATA, "m.json");
        assertNull(image.entrypoint());
        assertEquals(List.of("/test-entrypoint"), image.cmd());
        assertEquals("0:0", image.user());
    }

    @Test
    void aStopSignalIsKeptAsTheImageGivesIt() throws SpecException {
        for (String form : List.of("SIGINT", "INT", "2", "sigint")) {
            ImageConfig image = ImageConfigReader.parse("{\"config\":{\"StopSignal\":\"" + form + "\"}}", "m.json");
            assertEquals(form, image.stopSignal());
        }
        assertNull(ImageConfigReader.parse("{\"config\":{}}", "m.json").stopSignal());
    }

    @Test
    void anUnknownStopSignalIsAnErrorAtItsField() {
        for (String form : List.of("SIGFOO", "0", "65", "32", "SIGRTMIN+31", "RTMAX+1", "", "SIG")) {
            SpecException e = assertThrows(
                    SpecException.class,
                    () -> ImageConfigReader.parse("{\"config\":{\"StopSignal\":\"" + form + "\"}}", "m.json"),
                    form);
            SpecProblem p = e.errors().getFirst();
            assertEquals("config.StopSignal", p.path());
            assertTrue(p.message().startsWith("unknown signal \"" + form + "\""), p.message());
        }
    }

    @Test
    void errorsNameTheFieldOrPosition() {
        SpecException syntax =
                assertThrows(SpecException.class, () -> ImageConfigReader.parse("{\"config\": [1,\n}", "m.json"));
        SpecProblem p = syntax.errors().getFirst();
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("invalid JSON"), p.message());

        SpecException types = assertThrows(
                SpecException.class,
                () -> ImageConfigReader.parse("{\"config\":{\"Cmd\":\"x\",\"Env\":[1]}}", "m.json"));
        assertEquals(
                List.of("config.Cmd", "config.Env[0]"),
                types.errors().stream().map(SpecProblem::path).toList());
    }
}
