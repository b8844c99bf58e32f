package dev.easyto.init.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Every read the init makes from S3, SSM Parameter Store and Secrets Manager, for {@code env-from}
 * and volumes alike: one request shape each (parameters always decrypted, a secret's string else
 * its binary). Failures are the SDK's unchecked exceptions; each caller names its source in its
 * own words around them.
 */
public final class AwsReads {
    private final AwsClients aws;

    public AwsReads(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * An object held in memory, for values (env-from): at most {@code limit} bytes, else {@link
     * TooLarge} once that many have been read, not after reading an object of any size into PID 1.
     */
    public byte[] s3Object(String bucket, String key, int limit) throws AwsUnavailableException, TooLarge {
        try (InputStream in = aws.s3().getObject(request(bucket, key))) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new TooLarge("s3://" + bucket + "/" + key + " is larger than " + limit + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw readFailure(bucket, key, e);
        }
    }

    /**
     * An object streamed into {@code out}, for files (volumes): never whole in memory. A failure
     * to read is the SDK's (unchecked, like every other); a failure to write is {@code out}'s.
     */
    public void s3ObjectTo(String bucket, String key, OutputStream out) throws AwsUnavailableException, IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = aws.s3().getObject(request(bucket, key))) {
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw readFailure(bucket, key, e);
                }
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
            }
        }
    }

    /** A broken read of an object's body is the SDK's kind of failure, like its other client errors. */
    private static SdkClientException readFailure(String bucket, String key, IOException e) {
        return SdkClientException.create("reading s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }

    private static GetObjectRequest request(String bucket, String key) {
        return GetObjectRequest.builder().bucket(bucket).key(key).build();
    }

    /** An object larger than its reader may hold in memory. */
    public static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * Makes the clients these reads will need now, one after the other, so that fetches side by
     * side each time their own round trips rather than a wait for a client another is making.
     * A failure is left for the fetches to meet (the clients remember it).
     */
    public void prepare(boolean s3, boolean ssm, boolean secretsManager) {
        try {
            if (s3) {
                aws.s3();
            }
            if (ssm) {
                aws.ssm();
            }
            if (secretsManager) {
                aws.secretsManager();
            }
        } catch (AwsUnavailableException e) {
            // Thrown again, with the same message, by the first fetch that needs a client.
        }
    }

    /** The keys under {@code prefix}, every page of them, in S3's order. */
    public List<String> s3Keys(String bucket, String prefix) throws AwsUnavailableException {
        ListObjectsV2Request request =
                ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        List<String> keys = new ArrayList<>();
        for (S3Object object : aws.s3().listObjectsV2Paginator(request).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    public Parameter ssmParameter(String name) throws AwsUnavailableException {
        return aws.ssm()
                .getParameter(GetParameterRequest.builder()
                        .name(name)
                        .withDecryption(true)
                        .build())
                .parameter();
    }

    /**
     * Up to {@link #SSM_BATCH} parameters in one call (GetParameters), decrypted, by the name they
     * were asked for; a name SSM reports as invalid or does not answer for is absent.
     */
    public Map<String, Parameter> ssmParameters(List<String> names) throws AwsUnavailableException {
        if (names.size() > SSM_BATCH) {
            throw new IllegalArgumentException("GetParameters takes at most " + SSM_BATCH + " names");
        }
        GetParametersResponse response = aws.ssm()
                .getParameters(GetParametersRequest.builder()
                        .names(names)
                        .withDecryption(true)
                        .build());
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter parameter : response.parameters()) {
            // A name asked with a version or label ("/p:3") comes back as "/p" with the selector apart.
            String selector = parameter.selector() == null ? "" : parameter.selector();
            byName.put(parameter.name() + selector, parameter);
            byName.putIfAbsent(parameter.name(), parameter);
            if (parameter.arn() != null) {
                byName.putIfAbsent(parameter.arn() + selector, parameter);
            }
        }
        byName.keySet().retainAll(names);
        return byName;
    }

    /** The most names one GetParameters call takes (the API's limit). */
    public static final int SSM_BATCH = 10;

    /** Every parameter below {@code path}, recursively, every page of them. */
    public List<Parameter> ssmParametersUnder(String path) throws AwsUnavailableException {
        GetParametersByPathRequest request = GetParametersByPathRequest.builder()
                .path(path)
                .recursive(true)
                .withDecryption(true)
                .build();
        List<Parameter> parameters = new ArrayList<>();
        for (GetParametersByPathResponse page : aws.ssm().getParametersByPathPaginator(request)) {
            parameters.addAll(page.parameters());
        }
        return parameters;
    }

    /** A secret's current value (docs/behaviour.md §3.8); empty when it has neither kind. */
    public Optional<byte[]> secret(String secretId) throws AwsUnavailableException {
        return secretValue(aws.secretsManager(), secretId);
    }

    /** {@code SecretString} as UTF-8, else the {@code SecretBinary} bytes; empty when it has neither. */
    public static Optional<byte[]> secretValue(SecretsManagerClient client, String secretId) {
        GetSecretValueResponse response = client.getSecretValue(
                GetSecretValueRequest.builder().secretId(secretId).build());
        if (response.secretString() != null) {
            return Optional.of(response.secretString().getBytes(StandardCharsets.UTF_8));
        }
        SdkBytes binary = response.secretBinary();
        return binary == null ? Optional.empty() : Optional.of(binary.asByteArray());
    }
}
