package dev.easyto.init.volume;

import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.AwsErrors;
import dev.easyto.init.aws.AwsReads;
import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.fs.Root;
import dev.easyto.init.fs.SafeFiles;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.Mount;
import dev.easyto.init.spec.NameValue;
import dev.easyto.init.spec.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Puts one volume's content in place under a root: S3 objects, SSM parameters or a Secrets
 * Manager secret copied once at boot into files, or a template rendered into one. Every name is checked before anything is written,
 * so a bad key does not leave half a volume behind.
 */
@ApplicationScoped
public class VolumeSources {
    private final AwsReads aws;
    private final SafeFiles safeFiles;

    public VolumeSources(AwsClients aws, SafeFiles safeFiles) {
        this.safeFiles = safeFiles;
        this.aws = new AwsReads(aws);
    }

    /**
     * Fetches the volume's content and writes its files under {@code root}.
     *
     * @param env the command's final environment, for {@code $(VAR)} in template variables
     * @return how many files were written
     * @throws VolumeException when the content could not be fetched or written (an optional
     *     volume may skip it)
     * @throws AwsUnavailableException when no AWS client could be made (fatal)
     */
    public int populate(Volume volume, Root root, List<NameValue> env) throws VolumeException, AwsUnavailableException {
        return switch (volume) {
            case Volume.S3 s3 -> s3(s3, root);
            case Volume.Ssm ssm -> ssm(ssm, root);
            case Volume.SecretsManager secret -> secretsManager(secret, root);
            case Volume.Template template -> template(template, root, env);
            // Attached and mounted by EbsVolumes, in a phase of their own before these.
            case Volume.Ebs ebs -> throw new IllegalArgumentException("EBS volumes are prepared by EbsVolumes");
        };
    }

    private int template(Volume.Template volume, Root root, List<NameValue> env) throws VolumeException {
        Set<PosixFilePermission> mode = TemplateVolume.mode(volume.mount().mode());
        byte[] content = TemplateVolume.render(volume, env);
        Path destination = root.resolve(volume.mount().destination());
        try {
            files(volume.mount(), root, mode, VolumeFiles.S3_DIRECTORY).writeOrThrow(destination, content);
        } catch (IOException e) {
            throw TemplateVolume.writeFailure(destination, e);
        }
        Console.info("template volume rendered to %s", volume.mount().destination());
        return 1;
    }

    private int s3(Volume.S3 volume, Root root) throws VolumeException, AwsUnavailableException {
        String prefix = volume.keyPrefix() == null ? "" : volume.keyPrefix();
        Map<String, String> files = new LinkedHashMap<>();
        try {
            for (String key : aws.s3Keys(volume.bucket(), prefix)) {
                Optional<String> relative = VolumePaths.s3(prefix, key);
                if (relative.isPresent()) {
                    files.put(key, relative.get());
                }
            }
        } catch (SdkException e) {
            throw new VolumeException(
                    "unable to list s3://" + volume.bucket() + "/" + prefix + ": " + AwsErrors.describe(e), e);
        }
        if (files.isEmpty()) {
            throw new VolumeException("no S3 objects found in " + volume.bucket() + "/" + prefix);
        }
        Path destination = root.resolve(volume.mount().destination());
        VolumeFiles writer = files(volume.mount(), root, VolumeFiles.S3_FILE, VolumeFiles.S3_DIRECTORY);
        List<Path> targets = new ArrayList<>();
        for (String relative : files.values()) {
            targets.add(VolumePaths.under(destination, relative));
        }
        int i = 0;
        for (String key : files.keySet()) {
            Path target = targets.get(i++);
            // Streamed into the file: an object (a model, a data set) can be larger than PID 1's heap.
            try {
                writer.writeStreamed(target, out -> aws.s3ObjectTo(volume.bucket(), key, out));
            } catch (SdkException e) {
                throw new VolumeException(
                        "unable to get s3://" + volume.bucket() + "/" + key + ": " + AwsErrors.describe(e), e);
            }
        }
        Console.info(
                "s3 volume: %d object(s) from %s/%s written to %s",
                files.size(), volume.bucket(), prefix, volume.mount().destination());
        return files.size();
    }

    private int ssm(Volume.Ssm volume, Root root) throws VolumeException, AwsUnavailableException {
        List<Parameter> parameters = new ArrayList<>();
        try {
            // A hierarchy first; a path that names one parameter has no children, so it falls
            // back to GetParameter, whose "not found" is the error a person sees (upstream).
            if (volume.path().startsWith("/")) {
                parameters.addAll(aws.ssmParametersUnder(volume.path()));
            }
            if (parameters.isEmpty()) {
                parameters.add(aws.ssmParameter(volume.path()));
            }
        } catch (SdkException e) {
            throw new VolumeException("ssm parameters " + volume.path() + ": " + AwsErrors.describe(e), e);
        }
        Path destination = root.resolve(volume.mount().destination());
        List<Path> targets = new ArrayList<>();
        for (Parameter parameter : parameters) {
            String relative = VolumePaths.relative(volume.path(), parameter.name())
                    .orElseThrow(() -> new VolumeException(
                            "ssm parameter " + parameter.name() + " is not under " + volume.path()));
            targets.add(VolumePaths.under(destination, relative));
        }
        VolumeFiles writer = files(volume.mount(), root, VolumeFiles.SECRET_FILE, VolumeFiles.SECRET_DIRECTORY);
        for (int i = 0; i < parameters.size(); i++) {
            // Written verbatim: no trailing newline added (upstream).
            writer.write(targets.get(i), parameters.get(i).value().getBytes(StandardCharsets.UTF_8));
        }
        Console.info(
                "ssm volume: %d parameter(s) under %s written to %s",
                parameters.size(), volume.path(), volume.mount().destination());
        return parameters.size();
    }

    private int secretsManager(Volume.SecretsManager volume, Root root)
            throws VolumeException, AwsUnavailableException {
        String source = "secret " + volume.secretId();
        byte[] value;
        try {
            value = aws.secret(volume.secretId()).orElseThrow(() -> new VolumeException(source + " has no value"));
        } catch (SdkException e) {
            throw new VolumeException(source + ": " + AwsErrors.describe(e), e);
        }
        Path destination = root.resolve(volume.mount().destination());
        files(volume.mount(), root, VolumeFiles.SECRET_FILE, VolumeFiles.SECRET_DIRECTORY)
                .write(destination, value);
        Console.info(
                "secrets-manager volume: %s written to %s",
                volume.secretId(), volume.mount().destination());
        return 1;
    }

    private VolumeFiles files(
            Mount mount, Root root, Set<PosixFilePermission> fileMode, Set<PosixFilePermission> directoryMode) {
        // The merge defaults the ids to the run-as ids; -1 (keep) only for specs built elsewhere.
        long uid = mount.userId() == null ? -1 : mount.userId();
        long gid = mount.groupId() == null ? -1 : mount.groupId();
        return new VolumeFiles(fileMode, directoryMode, safeFiles, root, uid, gid);
    }
}
