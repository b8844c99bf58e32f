package dev.easyto.init.aws;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** A secret's current value as env-from and volumes use it (upstream-behaviour §3.8). */
public final class SecretValues {
    private SecretValues() {}

    /** {@code SecretString} as UTF-8, else the {@code SecretBinary} bytes; empty when it has neither. */
    public static Optional<byte[]> current(SecretsManagerClient client, String secretId) {
        GetSecretValueResponse response = client.getSecretValue(
                GetSecretValueRequest.builder().secretId(secretId).build());
        if (response.secretString() != null) {
            return Optional.of(response.secretString().getBytes(StandardCharsets.UTF_8));
        }
        SdkBytes binary = response.secretBinary();
        return binary == null ? Optional.empty() : Optional.of(binary.asByteArray());
    }
}
