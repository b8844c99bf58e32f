package dev.easyto.init.fs;

import static dev.easyto.init.linux.LinuxConstants.MS_DIRSYNC;
import static dev.easyto.init.linux.LinuxConstants.MS_LAZYTIME;
import static dev.easyto.init.linux.LinuxConstants.MS_MANDLOCK;
import static dev.easyto.init.linux.LinuxConstants.MS_NOATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_NODEV;
import static dev.easyto.init.linux.LinuxConstants.MS_NODIRATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_NOEXEC;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSUID;
import static dev.easyto.init.linux.LinuxConstants.MS_NOSYMFOLLOW;
import static dev.easyto.init.linux.LinuxConstants.MS_RDONLY;
import static dev.easyto.init.linux.LinuxConstants.MS_RELATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_SILENT;
import static dev.easyto.init.linux.LinuxConstants.MS_STRICTATIME;
import static dev.easyto.init.linux.LinuxConstants.MS_SYNCHRONOUS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A volume's {@code mount.options}, read the way mount(8) reads {@code -o}: the options that are
 * flags of mount(2) ({@code ro}, {@code noatime}, {@code nodev}, ...) set or clear their bit, in
 * order, and every other option goes to the filesystem as data ({@code compress=zstd},
 * {@code discard}). Upstream documents the list but ignores it. Options that mount(8) consumes
 * itself (fstab's {@code nofail}, {@code noauto}, {@code user}, ...) and those that would make
 * the mount something else ({@code remount}, {@code bind}) are refused: passed on, the kernel
 * would refuse the mount, and a {@code nofail} quietly ignored would promise what the init does
 * not do. An item may hold several options separated by commas, as {@code -o} does.
 *
 * @param flags the mount(2) flags
 * @param data the filesystem's options, comma-separated, or null when there are none
 */
public record MountOptions(long flags, String data) {

    public static final MountOptions NONE = new MountOptions(0, null);

    /** A flag option: the bit it sets, or clears when {@code set} is false. */
    private record Flag(long bit, boolean set) {}

    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("ro", new Flag(MS_RDONLY, true)),
            Map.entry("rw", new Flag(MS_RDONLY, false)),
            Map.entry("nosuid", new Flag(MS_NOSUID, true)),
            Map.entry("suid", new Flag(MS_NOSUID, false)),
            Map.entry("nodev", new Flag(MS_NODEV, true)),
            Map.entry("dev", new Flag(MS_NODEV, false)),
            Map.entry("noexec", new Flag(MS_NOEXEC, true)),
            Map.entry("exec", new Flag(MS_NOEXEC, false)),
            Map.entry("sync", new Flag(MS_SYNCHRONOUS, true)),
            Map.entry("async", new Flag(MS_SYNCHRONOUS, false)),
            Map.entry("dirsync", new Flag(MS_DIRSYNC, true)),
            Map.entry("mand", new Flag(MS_MANDLOCK, true)),
            Map.entry("nomand", new Flag(MS_MANDLOCK, false)),
            Map.entry("noatime", new Flag(MS_NOATIME, true)),
            Map.entry("atime", new Flag(MS_NOATIME, false)),
            Map.entry("nodiratime", new Flag(MS_NODIRATIME, true)),
            Map.entry("diratime", new Flag(MS_NODIRATIME, false)),
            Map.entry("relatime", new Flag(MS_RELATIME, true)),
            Map.entry("norelatime", new Flag(MS_RELATIME, false)),
            Map.entry("strictatime", new Flag(MS_STRICTATIME, true)),
            Map.entry("nostrictatime", new Flag(MS_STRICTATIME, false)),
            Map.entry("lazytime", new Flag(MS_LAZYTIME, true)),
            Map.entry("nolazytime", new Flag(MS_LAZYTIME, false)),
            Map.entry("silent", new Flag(MS_SILENT, true)),
            Map.entry("loud", new Flag(MS_SILENT, false)),
            Map.entry("nosymfollow", new Flag(MS_NOSYMFOLLOW, true)));

    /** mount(8)'s own options, which never reach the kernel. */
    private static final Set<String> MOUNT_COMMAND_ONLY =
            Set.of("auto", "noauto", "user", "nouser", "users", "owner", "group", "nofail", "_netdev", "loop");

    /** Options that turn the mount into another operation. */
    private static final Set<String> NOT_A_NEW_MOUNT = Set.of(
            "remount",
            "bind",
            "rbind",
            "move",
            "shared",
            "rshared",
            "private",
            "rprivate",
            "slave",
            "rslave",
            "unbindable",
            "runbindable");

    /** One option that cannot be used, and why. */
    public record Problem(int item, String option, String reason) {}

    /**
     * Reads the list.
     *
     * @throws IllegalArgumentException naming the first option that cannot be used; {@link #check}
     *     finds them all, for {@code validate}
     */
    public static MountOptions parse(List<String> options) {
        List<Problem> problems = check(options);
        if (!problems.isEmpty()) {
            Problem first = problems.getFirst();
            throw new IllegalArgumentException("mount option \"" + first.option() + "\": " + first.reason());
        }
        long flags = 0;
        List<String> data = new ArrayList<>();
        for (String item : options == null ? List.<String>of() : options) {
            for (String option : item.split(",", -1)) {
                String word = option.strip();
                if (word.equals("defaults")) {
                    continue;
                }
                Flag flag = FLAGS.get(word);
                if (flag == null) {
                    data.add(word);
                } else if (flag.set()) {
                    flags |= flag.bit();
                } else {
                    flags &= ~flag.bit();
                }
            }
        }
        return new MountOptions(flags, data.isEmpty() ? null : String.join(",", data));
    }

    /** Every option of the list that cannot be used, with the index of its item. */
    public static List<Problem> check(List<String> options) {
        List<Problem> problems = new ArrayList<>();
        if (options == null) {
            return problems;
        }
        for (int i = 0; i < options.size(); i++) {
            String item = options.get(i);
            if (item == null) {
                continue;
            }
            for (String option : item.split(",", -1)) {
                String word = option.strip();
                Optional<String> reason = reason(word);
                if (reason.isPresent()) {
                    problems.add(new Problem(i, word, reason.get()));
                }
            }
        }
        return problems;
    }

    private static Optional<String> reason(String option) {
        if (option.isEmpty()) {
            return Optional.of("empty option (a stray comma?)");
        }
        if (MOUNT_COMMAND_ONLY.contains(option) || option.startsWith("x-") || option.startsWith("comment=")) {
            return Optional.of("an option of mount(8) and fstab, not of the kernel; the init does not support it");
        }
        if (NOT_A_NEW_MOUNT.contains(option)) {
            return Optional.of("makes the mount another operation; a volume is always mounted anew");
        }
        return Optional.empty();
    }

    /** Whether the filesystem is mounted read-only. */
    public boolean readOnly() {
        return (flags & MS_RDONLY) != 0;
    }
}
