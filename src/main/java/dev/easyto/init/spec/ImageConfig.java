package dev.easyto.init.spec;

import java.util.List;

/**
 * The parts of the container image config ({@code /.easyto/metadata.json}, the OCI config file
 * written by easyto) that the init uses. Null means the image does not set it. {@code stopSignal}
 * is as the image gives it ({@code "SIGINT"}, {@code "INT"}, {@code "2"}), checked by {@link
 * ImageConfigReader}; the merge resolves it to a number.
 */
public record ImageConfig(
        List<String> entrypoint,
        List<String> cmd,
        List<NameValue> env,
        String user,
        String workingDir,
        String stopSignal) {

    public static final ImageConfig EMPTY = new ImageConfig(null, null, List.of(), null, null, null);
}
