package dev.easyto.init.spec;

import dev.easyto.init.fs.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the init will run, derived from user data and the image config without touching the
 * system: the merged spec, the final environment and the argv that will be exec'd.
 *
 * @param warnings problems that do not stop the boot (unknown keys, an unresolved argv[0] when
 *     there is no image root to look in)
 */
public record LaunchPlan(VmSpec spec, List<String> argv, List<NameValue> env, List<SpecProblem> warnings) {

    /**
     * The inputs of a plan: raw user data (null when there is none) and the image config text. The
     * bytes are read once and never compared, so a record's array identity semantics do no harm.
     */
    @SuppressWarnings("ArrayRecordComponent")
    public record Inputs(byte[] userData, String userDataSource, String metadata, String metadataSource) {}

    /**
     * Parses, merges and expands without touching the system.
     *
     * @param root the image root for USER names and PATH lookup, or null when there is none
     * @param resolved variables from env-from sources; empty when they are not fetched ({@code plan})
     */
    public static LaunchPlan of(Inputs inputs, Root root, List<NameValue> resolved) throws SpecException {
        List<SpecProblem> warnings = new ArrayList<>();
        UserDataReader.Parsed parsed = inputs.userData() == null
                ? new UserDataReader.Parsed(UserData.NONE, List.of(), Map.of())
                : UserDataReader.parse(
                        UserDataText.decode(inputs.userData(), inputs.userDataSource()), inputs.userDataSource());
        UserData userData = parsed.userData();
        warnings.addAll(parsed.warnings());
        ImageConfig image = ImageConfigReader.parse(inputs.metadata(), inputs.metadataSource());
        RunAs imageUser = RunAs.resolve(image.user(), root, inputs.metadataSource());
        VmSpec spec = SpecMerger.merge(image, imageUser, userData);

        List<NameValue> env = Environment.finalEnv(spec.env(), resolved);
        List<String> argv = new ArrayList<>(Environment.argv(spec.command(), spec.args(), env));
        Origin origin = argv0Origin(userData, image, parsed, inputs);
        if (root == null) {
            if (!argv.getFirst().contains("/")) {
                warnings.add(SpecProblem.warning(
                        origin.source(),
                        origin.position().line(),
                        origin.position().column(),
                        origin.path(),
                        "\"" + argv.getFirst() + "\" not looked up in PATH: no image root (--root)"));
            }
        } else {
            Optional<String> executable =
                    ExecutableLookup.find(argv.getFirst(), Environment.valueOf(env, "PATH"), root);
            if (executable.isEmpty()) {
                throw new SpecException(SpecProblem.error(
                        origin.source(),
                        origin.position().line(),
                        origin.position().column(),
                        origin.path(),
                        "unable to find executable in PATH: " + argv.getFirst()));
            }
            argv.set(0, executable.get());
        }
        return new LaunchPlan(spec, List.copyOf(argv), env, List.copyOf(warnings));
    }

    /** Where argv[0] was written, so that an error about it points there. */
    private record Origin(String source, String path, UserDataReader.Position position) {}

    private static Origin argv0Origin(
            UserData userData, ImageConfig image, UserDataReader.Parsed parsed, Inputs inputs) {
        if (userData.command() != null && !userData.command().isEmpty()) {
            return new Origin(inputs.userDataSource(), "command[0]", parsed.position("command[0]"));
        }
        boolean imageEntrypoint = userData.command() == null
                && image.entrypoint() != null
                && !image.entrypoint().isEmpty();
        if (imageEntrypoint) {
            return new Origin(inputs.metadataSource(), "config.Entrypoint[0]", UserDataReader.Position.UNKNOWN);
        }
        if (userData.args() != null && !userData.args().isEmpty()) {
            return new Origin(inputs.userDataSource(), "args[0]", parsed.position("args[0]"));
        }
        return new Origin(inputs.metadataSource(), "config.Cmd[0]", UserDataReader.Position.UNKNOWN);
    }
}
