package dev.easyto.init.supervise.service;

import dev.easyto.init.config.Layout;
import dev.easyto.init.fs.FileOwner;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * chrony's init step (docs/behaviour.md §4.2): its run directory on the {@code /.easyto/run}
 * tmpfs, made fresh every boot, owned by the user chronyd drops to ({@code cb-chrony}, compiled
 * into easyto-assets' chronyd), so it can write its drift file, pid file and command socket.
 */
final class ChronyInit {
    static final String USER = "cb-chrony";

    private ChronyInit() {}

    static void run(Root root, Layout layout, FileOwner owner) throws IOException {
        Console.info("initializing chrony");
        Accounts.User user = Accounts.user(root, USER)
                .orElseThrow(() -> new IOException("user " + USER + " not found in /etc/passwd"));
        // Upstream's current release takes the group of the same name, else a gid equal to the uid.
        long gid = Accounts.groupId(root, USER).orElse(user.uid());
        // By path, not through SafeFiles: /.easyto/run is a tmpfs the init mounted root's 0755 this
        // boot, before any workload runs, so nothing a workload left (or could make) is on the way.
        Path directory = root.resolve(layout.chronyRun());
        Files.createDirectories(directory);
        // createDirectories applies the umask, and an existing directory keeps its mode.
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-x---"));
        owner.chown(directory, user.uid(), gid);
    }
}
