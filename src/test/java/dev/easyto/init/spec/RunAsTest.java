package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.easyto.init.TestImage;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAsTest {
    @TempDir
    Path dir;

    Root root;

    @BeforeEach
    void image() throws IOException {
        root = Root.at(TestImage.create(dir));
    }

    RunAs resolve(String user) throws SpecException {
        return RunAs.resolve(user, root, "metadata.json");
    }

    String error(String user, Root in) {
        SpecException e = assertThrows(SpecException.class, () -> RunAs.resolve(user, in, "metadata.json"));
        SpecProblem p = e.errors().getFirst();
        assertEquals("config.User", p.path());
        return p.message();
    }

    @Test
    void absentUserIsRoot() throws SpecException {
        assertEquals(RunAs.ROOT, resolve(null));
    }

    @Test
    void numericForms() throws SpecException {
        assertEquals(new RunAs(1000, 0), resolve("1000"));
        assertEquals(new RunAs(1000, 50), resolve("1000:50"));
        assertEquals(new RunAs(0, 0), resolve("0:0"));
        assertEquals(new RunAs(4294967294L, 0), RunAs.resolve("4294967294", null, "m"));
    }

    /** 4294967295 is -1 to setresuid: "unchanged", which would leave the command root. */
    @Test
    void idsOutOfRangeAreRefusedNotLookedUp() {
        for (String user : List.of("4294967295", "0:4294967295", "99999999999999999999")) {
            SpecException e = assertThrows(SpecException.class, () -> RunAs.resolve(user, null, "m"), user);
            assertTrue(
                    e.errors().getFirst().message().endsWith("must be " + Ids.RANGE),
                    e.errors().toString());
        }
    }

    @Test
    void namesAreLookedUpAndAUserAloneKeepsGidZero() throws SpecException {
        // Not the primary group from /etc/passwd (1001): upstream leaves the gid at 0.
        assertEquals(new RunAs(1000, 0), resolve("app"));
        assertEquals(new RunAs(65534, 65534), resolve("nobody:nogroup"));
        assertEquals(new RunAs(1000, 50), resolve("app:staff"));
        assertEquals(new RunAs(2, 65534), resolve("daemon:65534"));
    }

    @Test
    void missingEntriesAreErrors() {
        assertEquals("\"ghost\" is not in the image's /etc/passwd", error("ghost", root));
        assertEquals("\"ghosts\" is not in the image's /etc/group", error("app:ghosts", root));
    }

    @Test
    void malformedUserStrings() {
        assertTrue(error("a:b:c", root).contains("expected \"user\" or \"user:group\""));
        assertTrue(error("", root).contains("is not a user"));
        assertTrue(error(":0", root).contains("is not a user"));
        assertTrue(error("0:", root).contains("is not a user"));
    }

    @Test
    void namesNeedAnImageRootAndItsDatabases() throws IOException {
        assertTrue(error("app", null).contains("without the image root"));
        Files.delete(dir.resolve("etc/group"));
        assertEquals("cannot look up \"staff\": the image has no /etc/group", error("0:staff", root));
    }
}
