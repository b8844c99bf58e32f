package dev.easyto.init.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ffm.Ffm;
import dev.easyto.init.spec.Mount;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateVolumeTest {
    @TempDir
    Path scratch;

    private static Volume.Template template(String content, Object variables, String mode) {
        return new Volume.Template(content, variables, false, new Mount("/etc/app.conf", null, null, null, mode, null));
    }

    private static String render(String content, Object variables, List<NameValue> env) throws Exception {
        return new String(TemplateVolume.render(template(content, variables, null), env), StandardCharsets.UTF_8);
    }

    @Test
    void stringVariablesGetVarExpansionFromTheFinalEnvironment() throws Exception {
        Map<Object, Object> variables = new LinkedHashMap<>();
        variables.put("region", "$(REGION)-x");
        variables.put("peers", List.of(Map.of("host", "$(HOST)"), Map.of("host", "$$(HOST)")));
        variables.put("unknown", "$(NOPE)");
        assertEquals(
                "eu-1-x a.example $(HOST)  $(NOPE)",
                render(
                        "{{region}}{{#peers}} {{host}}{{/peers}}  {{unknown}}",
                        variables,
                        List.of(new NameValue("REGION", "eu-1"), new NameValue("HOST", "a.example"))));
    }

    @Test
    void nullOrEmptyVariablesWriteTheContentLiterally() throws Exception {
        assertEquals("{{#section}}hello $(X)", render("{{#section}}hello $(X)", null, List.of()));
        assertEquals("{{x}}", render("{{x}}", Map.of(), List.of()));
    }

    @Test
    void variablesMustBeAMappingWithStringKeys() {
        VolumeException notMapping = assertThrows(VolumeException.class, () -> render("x", List.of("a"), List.of()));
        assertTrue(notMapping.getMessage().startsWith("InvalidVariableMapping"), notMapping.getMessage());
        Map<Object, Object> numericKey = new LinkedHashMap<>();
        numericKey.put(42L, "bar");
        VolumeException badKey = assertThrows(VolumeException.class, () -> render("{{foo}}", numericKey, List.of()));
        assertTrue(badKey.getMessage().startsWith("NonStringMappingKey"), badKey.getMessage());
        Map<Object, Object> nested = Map.of("outer", Map.of(true, "x"));
        assertThrows(VolumeException.class, () -> render("x", nested, List.of()));
    }

    @Test
    void modesAreOctalPermissionBits() throws Exception {
        assertEquals("rw-r--r--", PosixFilePermissions.toString(TemplateVolume.mode(null)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(TemplateVolume.mode("0640")));
        assertEquals("rwxr-x--x", PosixFilePermissions.toString(TemplateVolume.mode("751")));
        for (String bad : new String[] {"0999", "rw-r--r--", "04755", ""}) {
            VolumeException e = assertThrows(VolumeException.class, () -> TemplateVolume.mode(bad));
            assertTrue(e.getMessage().startsWith("InvalidMode"), e.getMessage());
        }
    }

    @Test
    void theRenderedFileLandsWithItsModeAndAnUnwritablePlaceIsAccessDenied() throws Exception {
        VolumeSources sources = new VolumeSources(null, new SafeFiles(Ffm.files()));
        sources.populate(template("v={{v}}\n", Map.of("v", "1"), "0640"), Root.at(scratch), List.of());
        Path file = scratch.resolve("etc/app.conf");
        assertEquals("v=1\n", Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Path blocker = Files.writeString(scratch.resolve("blocker"), "a file, not a directory");
        VolumeException e = assertThrows(
                VolumeException.class,
                () -> sources.populate(
                        new Volume.Template("x", null, false, new Mount("/blocker/f", null, null, null, null, null)),
                        Root.at(scratch),
                        List.of()));
        assertTrue(e.getMessage().startsWith("NotDir: unable to write"), e.getMessage());
        assertTrue(Files.isRegularFile(blocker));
    }
}
