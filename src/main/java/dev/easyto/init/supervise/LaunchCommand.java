package dev.easyto.init.supervise;

import dev.easyto.init.spec.NameValue;
import java.util.List;

/**
 * The main process as the boot built it: argv with argv[0] resolved, the final environment, and
 * the identity it runs as ({@code groups} are its supplementary groups).
 */
public record LaunchCommand(
        List<String> argv, List<NameValue> env, String workingDir, long uid, long gid, List<Long> groups) {}
