package dev.easyto.init.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.easyto.init.TestImage;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutableLookupTest {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @TempDir
    Path dir;

    Root root;

    @BeforeEach
    void image() throws IOException {
        root = Root.at(TestImage.create(dir));
    }

    Optional<String> find(String name) {
        return ExecutableLookup.find(name, PATH, root);
    }

    @Test
    void findsTheFirstExecutableAlongPathThroughAbsoluteSymlinksInsideTheImage() {
        // /bin/sh -> /bin/busybox must resolve inside the image root, not on the host.
        assertEquals(Optional.of("/bin/sh"), find("sh"));
        assertEquals(Optional.of("/bin/busybox"), find("busybox"));
    }

    @Test
    void notFound() {
        assertEquals(Optional.empty(), find("nonexistent"));
        assertEquals(Optional.empty(), ExecutableLookup.find("sh", null, root));
        assertEquals(Optional.empty(), find(""));
    }

    @Test
    void directoriesAreSkipped() throws IOException {
        Files.createDirectories(dir.resolve("usr/bin/tool"));
        TestImage.executable(dir.resolve("bin/tool"));
        assertEquals(Optional.of("/bin/tool"), find("tool"));
    }

    @Test
    void filesWithoutAnyExecuteBitAreSkipped() throws IOException {
        TestImage.executable(dir.resolve("usr/bin/tool"));
        Files.setPosixFilePermissions(dir.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Optional.empty(), find("tool"));
        Files.setPosixFilePermissions(dir.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rw-r----x"));
        assertEquals(Optional.of("/usr/bin/tool"), find("tool"));
    }

    @Test
    void emptyPathElementsAreSkippedAndRelativeOnesAreRooted() throws IOException {
        TestImage.executable(dir.resolve("opt/app/run"));
        assertEquals(Optional.of("opt/app/run"), ExecutableLookup.find("run", "::opt/app", root));
    }

    @Test
    void namesWithASlashAreNotSearched() {
        assertEquals(Optional.of("/nonexistent/command"), find("/nonexistent/command"));
        assertEquals(Optional.of("./run.sh"), find("./run.sh"));
    }

    @Test
    void danglingAndLoopingSymlinksAreNotExecutables() throws IOException {
        Files.createSymbolicLink(dir.resolve("bin/dangling"), Path.of("/nowhere"));
        Files.createSymbolicLink(dir.resolve("bin/loop"), Path.of("/bin/loop"));
        assertEquals(Optional.empty(), find("dangling"));
        assertEquals(Optional.empty(), find("loop"));
    }
}
