package dev.easyto.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An image root like upstream's integration image (Alpine: busybox with {@code /bin/sh} an
 * absolute symlink to it, root and nobody accounts) and its metadata, built in a directory.
 */
public final class TestImage {
    public static final String UPSTREAM_METADATA = """
            {"architecture":"amd64","os":"linux","config":{
              "Cmd":["/test-entrypoint"],"Entrypoint":null,
              "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
              "User":"0:0","WorkingDir":"/"}}
            """;

    public static final Path SCENARIOS = Path.of("src/test/scenarios");

    private TestImage() {}

    public static Path create(Path root) throws IOException {
        executable(root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("/bin/busybox"));
        executable(root.resolve("test-entrypoint"));
        Files.createDirectories(root.resolve("tmp"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                daemon:x:2:2:daemon:/sbin:/sbin/nologin
                nobody:x:65534:65534:nobody:/:/sbin/nologin
                app:x:1000:1001:app:/home/app:/bin/sh
                """);
        Files.writeString(root.resolve("etc/group"), """
                root:x:0:root
                daemon:x:2:root,daemon
                nogroup:x:65534:
                staff:x:50:app
                """);
        return root;
    }

    public static void executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public static Path metadata(Path dir) throws IOException {
        return Files.writeString(dir.resolve("metadata.json"), UPSTREAM_METADATA);
    }
}
