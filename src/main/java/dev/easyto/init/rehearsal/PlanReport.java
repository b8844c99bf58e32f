package dev.easyto.init.rehearsal;

import dev.easyto.init.boot.phase.PhaseOutputs.MainCommand;
import dev.easyto.init.fs.Root;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The plan a rehearsal ends with: the command as the boot trace shows it (variable names, never a
 * value; argv with fetched values left as {@code $(NAME)}), and every file the boot wrote into the
 * scratch root with its mode and the owner the init would have given it (root's, unless chowned).
 */
final class PlanReport {
    private PlanReport() {}

    static String render(MainCommand.Shown command, Root root, RehearsalLog log, Instant started) {
        StringBuilder out = new StringBuilder("plan:\n");
        out.append("  argv: ").append(command.argv()).append('\n');
        out.append("  env: ").append(command.env()).append('\n');
        out.append("  env-from: ").append(command.envFrom()).append('\n');
        out.append("  working-dir: ").append(command.workingDir()).append('\n');
        out.append("  user: ")
                .append(command.uid())
                .append(':')
                .append(command.gid())
                .append(" groups ")
                .append(command.groups())
                .append('\n');
        out.append("  files written:\n");
        for (String line : filesWritten(root, log, started)) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }

    /** {@code 0644 1000:1000 /srv/config/server.conf}, by path. */
    static List<String> filesWritten(Root root, RehearsalLog log, Instant started) {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root.base())) {
            for (Path path : paths.sorted().toList()) {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        || Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS)
                                .toInstant()
                                .isBefore(started)) {
                    continue;
                }
                RehearsalLog.Owner owner = log.owner(path);
                lines.add(String.format(
                        "%04o %-11s %s",
                        mode(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)),
                        owner == null ? "0:0" : owner.toString(),
                        "/" + root.base().relativize(path)));
            }
        } catch (IOException e) {
            lines.add("(cannot list " + root.base() + ": " + e.getMessage() + ")");
        }
        return lines;
    }

    /** The permission bits, from {@code rwxr-x---} to {@code 0750}. */
    static int mode(Set<PosixFilePermission> permissions) {
        String symbolic = PosixFilePermissions.toString(permissions);
        int mode = 0;
        for (int i = 0; i < symbolic.length(); i++) {
            mode = mode << 1 | (symbolic.charAt(i) == '-' ? 0 : 1);
        }
        return mode;
    }
}
