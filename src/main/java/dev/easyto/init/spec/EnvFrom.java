package dev.easyto.init.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One item of {@code env-from}: exactly one source. With {@code name} the fetched value becomes
 * one variable; without it the value must be a JSON object of variables.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({
    @JsonSubTypes.Type(value = EnvFrom.Imds.class, name = "imds"),
    @JsonSubTypes.Type(value = EnvFrom.S3.class, name = "s3"),
    @JsonSubTypes.Type(value = EnvFrom.Ssm.class, name = "ssm"),
    @JsonSubTypes.Type(value = EnvFrom.SecretsManager.class, name = "secrets-manager")
})
public sealed interface EnvFrom {

    boolean optional();

    @RegisterForReflection
    record Imds(String name, String path, boolean optional) implements EnvFrom {}

    @RegisterForReflection
    record S3(String bucket, String key, String name, boolean base64Encode, boolean optional) implements EnvFrom {}

    @RegisterForReflection
    record Ssm(String path, String name, boolean base64Encode, boolean optional) implements EnvFrom {}

    @RegisterForReflection
    record SecretsManager(String secretId, String name, boolean base64Encode, boolean optional) implements EnvFrom {}
}
