package dev.easyto.init.spec;

import dev.easyto.init.fs.Root;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way from user data and an image config to what the init runs, step by step. The boot
 * phases run the steps one phase each (fetched variables arrive between {@link #merge} and {@link
 * #command}); {@link LaunchPlan#of} runs them all at once for {@code validate} and {@code plan}.
 * So what {@code plan} prints is what the boot executes, fetched values aside.
 */
public final class SpecPipeline {
    private SpecPipeline() {}

    /** User data to records; null {@code userData} is an instance without any. */
    public static UserDataReader.Parsed parse(byte[] userData, String source) throws SpecException {
        if (userData == null) {
            return new UserDataReader.Parsed(UserData.NONE, List.of(), Map.of());
        }
        return UserDataReader.parse(UserDataText.decode(userData, source), source);
    }

    /** The image config easyto saved at AMI build time ({@code /.easyto/metadata.json}). */
    public static ImageConfig image(String metadata, String source) throws SpecException {
        return ImageConfigReader.parse(metadata, source);
    }

    /**
     * The image config with user data merged onto it; the image's USER is resolved in {@code root}
     * (null: no image root, only numeric ids resolve).
     */
    public static VmSpec merge(ImageConfig image, String imageSource, UserData userData, Root root)
            throws SpecException {
        RunAs imageUser = RunAs.resolve(image.user(), root, imageSource);
        return SpecMerger.merge(image, imageUser, userData);
    }

    /** The command's final environment: the static env expanded, fetched values appended, PATH. */
    public static List<NameValue> environment(VmSpec spec, List<NameValue> fetched) {
        return Environment.finalEnv(spec.env(), fetched);
    }

    /**
     * The main command, as executed: argv with argv[0] looked up, environment, directory, ids.
     *
     * @param shownArgv argv as {@code plan} renders it, with the values fetched by {@code env-from}
     *     left as the {@code $(NAME)} references they replace: what may be shown to people
     */
    public record Command(
            List<String> argv,
            List<String> shownArgv,
            List<NameValue> env,
            String workingDir,
            long uid,
            long gid,
            List<Long> groups) {}

    /**
     * Expands argv against {@code env} and looks argv[0] up in its PATH ({@code execve} does not
     * search). Without an image root ({@code root} null) argv[0] is left as it is, with a warning
     * in {@code warnings}, and there are no supplementary groups.
     *
     * @throws SpecException when argv[0] is not found, pointing where it was written
     */
    public static Command command(
            VmSpec spec, List<NameValue> env, Root root, ArgvOrigin origin, List<SpecProblem> warnings)
            throws SpecException {
        List<String> argv = new ArrayList<>(Environment.argv(spec.command(), spec.args(), env));
        // Expanded without fetched values, as plan expands: secrets stay $(NAME) references.
        List<String> shownArgv =
                new ArrayList<>(Environment.argv(spec.command(), spec.args(), environment(spec, List.of())));
        List<SpecProblem> nulBytes = NulBytes.inCommand(argv, env, spec.workingDir());
        if (!nulBytes.isEmpty()) {
            throw new SpecException(nulBytes);
        }
        boolean sameArgv0 = shownArgv.getFirst().equals(argv.getFirst());
        List<Long> groups = List.of();
        if (root == null) {
            if (!argv.getFirst().contains("/")) {
                warnings.add(
                        origin.warning("\"" + argv.getFirst() + "\" not looked up in PATH: no image root (--root)"));
            }
        } else {
            Optional<String> executable =
                    ExecutableLookup.find(argv.getFirst(), Environment.valueOf(env, "PATH"), root);
            if (executable.isEmpty()) {
                throw new SpecException(origin.error("unable to find executable in PATH: " + argv.getFirst()));
            }
            argv.set(0, executable.get());
            if (sameArgv0) {
                shownArgv.set(0, executable.get());
            }
            groups = SupplementaryGroups.of(spec.uid(), spec.gid(), root);
        }
        return new Command(
                List.copyOf(argv), List.copyOf(shownArgv), env, spec.workingDir(), spec.uid(), spec.gid(), groups);
    }

    /** Where argv[0] was written, so that a problem with it points there. */
    public record ArgvOrigin(String source, String path, UserDataReader.Position position) {

        public static ArgvOrigin of(
                UserDataReader.Parsed userData, String userDataSource, ImageConfig image, String imageSource) {
            UserData data = userData.userData();
            if (data.command() != null && !data.command().isEmpty()) {
                return new ArgvOrigin(userDataSource, "command[0]", userData.position("command[0]"));
            }
            boolean imageEntrypoint = data.command() == null
                    && image.entrypoint() != null
                    && !image.entrypoint().isEmpty();
            if (imageEntrypoint) {
                return new ArgvOrigin(imageSource, "config.Entrypoint[0]", UserDataReader.Position.UNKNOWN);
            }
            if (data.args() != null && !data.args().isEmpty()) {
                return new ArgvOrigin(userDataSource, "args[0]", userData.position("args[0]"));
            }
            return new ArgvOrigin(imageSource, "config.Cmd[0]", UserDataReader.Position.UNKNOWN);
        }

        SpecProblem error(String message) {
            return SpecProblem.error(source, position.line(), position.column(), path, message);
        }

        SpecProblem warning(String message) {
            return SpecProblem.warning(source, position.line(), position.column(), path, message);
        }
    }
}
