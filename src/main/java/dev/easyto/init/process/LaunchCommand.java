package dev.easyto.init.process;

import dev.easyto.init.spec.NameValue;
import java.util.List;

/**
 * The main process as the boot built it: argv with argv[0] resolved, the final environment, the
 * working directory and the identity it runs as.
 */
public record LaunchCommand(List<String> argv, List<NameValue> env, String workingDir, Identity identity) {}
