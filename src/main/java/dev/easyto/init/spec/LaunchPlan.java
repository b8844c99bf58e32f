package dev.easyto.init.spec;

import dev.easyto.init.fs.Root;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the init will run, derived from user data and the image config without touching the
 * system: the merged spec and the command ({@link SpecPipeline}, all steps at once).
 *
 * @param warnings problems that do not stop the boot (unknown keys, an unresolved argv[0] when
 *     there is no image root to look in)
 */
public record LaunchPlan(VmSpec spec, SpecPipeline.Command command, List<SpecProblem> warnings) {

    /**
     * The inputs of a plan: raw user data (null when there is none) and the image config text. The
     * bytes are read once and never compared, so a record's array identity semantics do no harm.
     */
    @SuppressWarnings("ArrayRecordComponent")
    public record Inputs(byte[] userData, String userDataSource, String metadata, String metadataSource) {}

    public List<String> argv() {
        return command.argv();
    }

    public List<NameValue> env() {
        return command.env();
    }

    /**
     * Parses, merges and expands without touching the system.
     *
     * @param root the image root for USER names and PATH lookup, or null when there is none
     * @param fetched variables from env-from sources; empty when they are not fetched ({@code plan})
     */
    public static LaunchPlan of(Inputs inputs, Root root, List<NameValue> fetched) throws SpecException {
        UserDataReader.Parsed parsed = SpecPipeline.parse(inputs.userData(), inputs.userDataSource());
        List<SpecProblem> warnings = new ArrayList<>(parsed.warnings());
        ImageConfig image = SpecPipeline.image(inputs.metadata(), inputs.metadataSource());
        VmSpec spec = SpecPipeline.merge(image, inputs.metadataSource(), parsed.userData(), root);
        List<NameValue> env = SpecPipeline.environment(spec, fetched);
        SpecPipeline.ArgvOrigin origin =
                SpecPipeline.ArgvOrigin.of(parsed, inputs.userDataSource(), image, inputs.metadataSource());
        SpecPipeline.Command command = SpecPipeline.command(spec, env, root, origin, warnings);
        return new LaunchPlan(spec, command, List.copyOf(warnings));
    }
}
