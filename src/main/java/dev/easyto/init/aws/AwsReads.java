package dev.easyto.init.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
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

    public byte[] s3Object(String bucket, String key) throws AwsUnavailableException {
        return aws.s3()
                .getObjectAsBytes(
                        GetObjectRequest.builder().bucket(bucket).key(key).build())
                .asByteArray();
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
