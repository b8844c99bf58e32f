package dev.easyto.init.spec;

import java.util.List;

/**
 * User data exactly as written: every field is null when its key is absent or YAML null, so the
 * merge can tell "not set" from "set to empty" (docs/behaviour.md §2.4).
 */
public record UserData(
        List<String> args,
        List<String> command,
        Boolean debug,
        List<String> disableServices,
        List<NameValue> env,
        List<EnvFrom> envFrom,
        List<String> initScripts,
        List<String> modules,
        Boolean replaceInit,
        Security security,
        Long shutdownGracePeriod,
        List<NameValue> sysctls,
        List<Volume> volumes,
        String workingDir) {

    /** No user data at all (IMDS 404, or an empty document). */
    public static final UserData NONE =
            new UserData(null, null, null, null, null, null, null, null, null, Security.UNSET, null, null, null, null);
}
