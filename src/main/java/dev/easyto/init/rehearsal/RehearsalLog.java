package dev.easyto.init.rehearsal;

import dev.easyto.init.fs.AtomicFile;
import dev.easyto.init.fs.Root;
import dev.easyto.init.log.Console;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one rehearsal would have done to the machine, in the order the phases asked for it, and who
 * would own the files it wrote: the rehearsal runs unprivileged, so it records each chown rather
 * than making it. Paths under the scratch root are shown as the instance would see them.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class RehearsalLog {
    /** Owner of a file or directory the boot wrote, as {@code chown} would have set it. */
    public record Owner(long uid, long gid) {
        @Override
        public String toString() {
            return uid + ":" + gid;
        }
    }

    private final Root root;
    private final List<String> actions = new ArrayList<>();
    private final Map<Path, Owner> owners = new LinkedHashMap<>();

    public RehearsalLog(Root root) {
        this.root = root;
    }

    /** Logs and keeps {@code would <what>}; never give it a value that may be secret. */
    public void would(String format, Object... args) {
        String action = "would " + String.format(Locale.ROOT, format, args);
        synchronized (this) {
            actions.add(action);
        }
        Console.info("rehearsal: %s", action);
    }

    /**
     * Records a chown. A temporary file of {@link AtomicFile} is recorded under the name it is
     * renamed to, which is the name the plan lists.
     */
    public synchronized void owned(Path path, long uid, long gid) {
        Path absolute = path.toAbsolutePath().normalize();
        owners.put(AtomicFile.targetOf(absolute).orElse(absolute), new Owner(uid, gid));
    }

    /** The recorded owner of a path under the scratch root, if the boot chowned it. */
    public synchronized Owner owner(Path path) {
        return owners.get(path.toAbsolutePath().normalize());
    }

    public synchronized List<String> actions() {
        return List.copyOf(actions);
    }

    synchronized void reset() {
        actions.clear();
        owners.clear();
    }

    /** {@code path} as the instance names it: relative to the scratch root when under it. */
    public String shown(String path) {
        Path absolute = Path.of(path).toAbsolutePath().normalize();
        return absolute.startsWith(root.base()) ? "/" + root.base().relativize(absolute) : path;
    }

    /** Whether {@code path} is under the scratch root, where the rehearsal really writes. */
    public boolean inRoot(String path) {
        return Path.of(path).toAbsolutePath().normalize().startsWith(root.base());
    }
}
