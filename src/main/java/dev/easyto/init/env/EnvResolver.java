package dev.easyto.init.env;

import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.AwsErrors;
import dev.easyto.init.aws.AwsReads;
import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.NameValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Fetches one {@code env-from} item. A failed fetch or an unusable value is an {@link
 * EnvSourceException}, which an optional item may skip; no AWS client at all is an {@link
 * AwsUnavailableException}, which is fatal either way (upstream). Only variable names are logged.
 */
@ApplicationScoped
public class EnvResolver {
    private final ImdsClient imds;
    private final AwsReads aws;

    /**
     * An env-from S3 object is read into PID 1's memory; Linux takes at most about 2 MiB of
     * arguments and environment together (a quarter of the stack limit) and 128 KiB per variable,
     * so a larger object could never be passed on and is refused before it is all read.
     */
    static final int MAX_S3_VALUE_BYTES = 1024 * 1024;

    public EnvResolver(ImdsClient imds, AwsClients aws) {
        this.imds = imds;
        this.aws = new AwsReads(aws);
    }

    public List<NameValue> resolve(EnvFrom item) throws EnvSourceException, AwsUnavailableException {
        return switch (item) {
            case EnvFrom.Imds imdsItem -> resolveImds(imdsItem);
            case EnvFrom.S3 s3 -> {
                String source = "s3 object s3://" + s3.bucket() + "/" + s3.key();
                byte[] value = fetch(source, () -> {
                    try {
                        return aws.s3Object(s3.bucket(), s3.key(), MAX_S3_VALUE_BYTES);
                    } catch (AwsReads.TooLarge e) {
                        throw new EnvSourceException(
                                source + ": larger than " + MAX_S3_VALUE_BYTES
                                        + " bytes, more than a process environment can hold",
                                e);
                    }
                });
                yield variables("s3", source, value, s3.name(), s3.base64Encode());
            }
            case EnvFrom.Ssm ssm -> {
                String source = "ssm parameter " + ssm.path();
                byte[] value =
                        fetch(source, () -> aws.ssmParameter(ssm.path()).value().getBytes(StandardCharsets.UTF_8));
                yield variables("ssm", source, value, ssm.name(), ssm.base64Encode());
            }
            case EnvFrom.SecretsManager secret -> {
                String source = "secrets-manager secret " + secret.secretId();
                byte[] value = fetch(
                        source,
                        () -> aws.secret(secret.secretId())
                                .orElseThrow(() -> new EnvSourceException(source + " has no value")));
                yield variables("secrets-manager", source, value, secret.name(), secret.base64Encode());
            }
        };
    }

    private List<NameValue> resolveImds(EnvFrom.Imds item) throws EnvSourceException {
        String value;
        try {
            // Trimmed like upstream's current release: IMDS values may end in a newline.
            value = imds.metadata(item.path()).strip();
        } catch (IOException e) {
            throw new EnvSourceException("imds " + item.path() + ": " + e.getMessage(), e);
        }
        Console.info("resolved env %s from imds", item.name());
        return List.of(new NameValue(item.name(), value));
    }

    private static List<NameValue> variables(String kind, String source, byte[] value, String name, boolean base64)
            throws EnvSourceException {
        List<NameValue> variables = name != null
                ? List.of(EnvValues.single(name, value, base64, source))
                : EnvValues.jsonObject(value, source);
        for (NameValue variable : variables) {
            Console.info("resolved env %s from %s", variable.name(), kind);
        }
        return variables;
    }

    /** A call that may need a client; the SDK reports failures as unchecked exceptions. */
    @FunctionalInterface
    interface Fetch {
        byte[] get() throws AwsUnavailableException, EnvSourceException;
    }

    private static byte[] fetch(String source, Fetch fetch) throws AwsUnavailableException, EnvSourceException {
        try {
            return fetch.get();
        } catch (SdkException e) {
            throw new EnvSourceException(source + ": " + AwsErrors.describe(e), e);
        }
    }
}
