package dev.easyto.init.supervise.service;

import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.linux.ChildExit;
import dev.easyto.init.log.Console;
import dev.easyto.init.process.SpawnRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * ssh's init step (docs/behaviour.md §4.3): the instance's key in the login user's
 * {@code authorized_keys}, and host keys generated on first boot.
 */
final class SshInit {
    static final List<String> HOST_KEY_TYPES = List.of("rsa", "ed25519");

    private SshInit() {}

    static void run(
            Root root,
            Layout layout,
            String publicKey,
            SafeFiles files,
            Function<SpawnRequest, ChildExit> runner,
            List<String> environment)
            throws IOException {
        Console.info("initializing sshd");
        String login = loginUser(root, layout);
        Accounts.User user = Accounts.user(root, login)
                .orElseThrow(() -> new IOException("login user " + login + " not found in /etc/passwd"));
        Path sshDirectory = root.resolve(user.home() + "/.ssh");
        // The user owns the home and .ssh, so a workload of an earlier boot may have made either
        // (or a directory above) a link to root's files: SafeFiles refuses to follow one.
        // An existing /.easyto must stay root's: only what is created here is the user's.
        files.createDirectories(
                root, sshDirectory, PosixFilePermissions.fromString("rwxr-xr-x"), user.uid(), user.gid());
        // sshd's StrictModes refuses keys in a directory others can enter or a file others can write.
        files.setDirectory(root, sshDirectory, PosixFilePermissions.fromString("rwx------"), user.uid(), user.gid());
        byte[] keyBytes = publicKey.getBytes(StandardCharsets.UTF_8);
        files.write(
                root,
                sshDirectory.resolve("authorized_keys"),
                out -> out.write(keyBytes),
                PosixFilePermissions.fromString("rw-r-----"),
                user.uid(),
                user.gid());
        Console.info("wrote SSH authorized_keys to %s", user.home() + "/.ssh/authorized_keys");
        for (String type : HOST_KEY_TYPES) {
            String key = layout.sshHostKey(type);
            if (Files.exists(root.resolve(key))) {
                continue;
            }
            ChildExit exit = runner.apply(SpawnRequest.asRoot(
                    layout.sshKeygen(), List.of(layout.sshKeygen(), "-t", type, "-f", key, "-N", ""), environment));
            // Upstream ignores the status; sshd itself says which host key it cannot load.
            if (!exit.exited() || exit.status() != 0) {
                Console.warn("ssh-keygen -t %s %s", type, exit.describe());
            }
        }
    }

    /** The first directory under {@code /.easyto/home} (easyto creates exactly one, at build time). */
    static String loginUser(Root root, Layout layout) throws IOException {
        Path home = root.resolve(layout.loginHomes());
        if (!Files.isDirectory(home)) {
            throw new IOException("login user not found");
        }
        Optional<String> first;
        try (Stream<Path> entries = Files.list(home)) {
            first = entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .findFirst();
        }
        return first.orElseThrow(() -> new IOException("login user not found"));
    }
}
