package dev.easyto.init.env;

import dev.easyto.init.aws.AwsClients;
import dev.easyto.init.aws.AwsErrors;
import dev.easyto.init.aws.AwsReads;
import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.aws.ImdsClient;
import dev.easyto.init.aws.Parallel;
import dev.easyto.init.log.Console;
import dev.easyto.init.spec.EnvFrom;
import dev.easyto.init.spec.NameValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.model.Parameter;

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

    /**
     * Every item fetched side by side ({@link Parallel}), SSM names in GetParameters calls of
     * {@link AwsReads#SSM_BATCH}; the outcomes come in the order of {@code items}, each printing
     * its console lines when replayed, so the caller applies them in the spec's order. A failed
     * SSM batch fails each of its items with the batch's error; GetParameters refused (403
     * AccessDenied: a role that allows only ssm:GetParameter, as upstream's docs ask; or any
     * other 4xx) falls back to one GetParameter per name.
     */
    public List<Parallel.Outcome<List<NameValue>>> resolveAll(List<EnvFrom> items) {
        List<String> ssmNames = items.stream()
                .filter(EnvFrom.Ssm.class::isInstance)
                .map(item -> ((EnvFrom.Ssm) item).path())
                .distinct()
                .toList();
        List<Parallel.Task<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < ssmNames.size(); i += AwsReads.SSM_BATCH) {
            List<String> batch = ssmNames.subList(i, Math.min(ssmNames.size(), i + AwsReads.SSM_BATCH));
            tasks.add(() -> ssmBatch(batch));
        }
        int batches = tasks.size();
        for (EnvFrom item : items) {
            if (!(item instanceof EnvFrom.Ssm)) {
                tasks.add(() -> resolve(item));
            }
        }
        aws.prepare(
                items.stream().anyMatch(EnvFrom.S3.class::isInstance),
                !ssmNames.isEmpty(),
                items.stream().anyMatch(EnvFrom.SecretsManager.class::isInstance));
        List<Parallel.Outcome<Object>> done = Parallel.run("env-from", tasks);
        List<Parallel.Outcome<List<NameValue>>> outcomes = new ArrayList<>();
        int next = batches;
        Set<Integer> replayed = new HashSet<>();
        for (EnvFrom item : items) {
            if (item instanceof EnvFrom.Ssm ssm) {
                int index = ssmNames.indexOf(ssm.path()) / AwsReads.SSM_BATCH;
                // The batch's own lines once, with the first of its items.
                outcomes.add(ssmOutcome(ssm, done.get(index), replayed.add(index)));
            } else {
                outcomes.add(cast(done.get(next++)));
            }
        }
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private static Parallel.Outcome<List<NameValue>> cast(Parallel.Outcome<Object> outcome) {
        return new Parallel.Outcome<>((List<NameValue>) outcome.value(), outcome.failure(), outcome.console());
    }

    /** One SSM item from its batch: the value (or its own failure), made into variables, lines held. */
    @SuppressWarnings("unchecked")
    private static Parallel.Outcome<List<NameValue>> ssmOutcome(
            EnvFrom.Ssm ssm, Parallel.Outcome<Object> batch, boolean withBatchLines) {
        String source = "ssm parameter " + ssm.path();
        List<String> lines = new ArrayList<>(withBatchLines ? batch.console() : List.of());
        Console.hold();
        List<NameValue> value = null;
        Exception failure = null;
        try {
            if (batch.failure() instanceof SdkException e) {
                throw new EnvSourceException(source + ": " + AwsErrors.describe(e), e);
            } else if (batch.failure() != null) {
                throw batch.failure();
            }
            SsmValue fetched = ((Map<String, SsmValue>) batch.value()).get(ssm.path());
            if (fetched == null) {
                throw new EnvSourceException(source + ": ParameterNotFound (SSM has no parameter by that name)");
            }
            if (fetched.failure() != null) {
                throw new EnvSourceException(source + ": " + AwsErrors.describe(fetched.failure()), fetched.failure());
            }
            value = variables("ssm", source, fetched.value(), ssm.name(), ssm.base64Encode());
        } catch (Exception e) {
            failure = e;
        } finally {
            lines.addAll(Console.release());
        }
        return new Parallel.Outcome<>(value, failure, lines);
    }

    /** One name of a batch: its value, or the error of the GetParameter that fetched it alone. */
    @SuppressWarnings("ArrayRecordComponent")
    private record SsmValue(byte[] value, SdkException failure) {}

    private Map<String, SsmValue> ssmBatch(List<String> names) throws AwsUnavailableException {
        Map<String, SsmValue> values = new HashMap<>();
        Map<String, Parameter> found;
        try {
            found = aws.ssmParameters(names);
        } catch (SdkException e) {
            // A refusal of the call itself (403: a role without ssm:GetParameters; 400: one name
            // SSM will not take) is each name's own question: asked one at a time, one item's
            // fault stays that item's. Throttling and 5xx have had their retries already.
            if (!(e instanceof AwsServiceException service)
                    || service.statusCode() < 400
                    || service.statusCode() >= 500
                    || service.isThrottlingException()) {
                throw e;
            }
            Console.debug("ssm: GetParameters refused (%s), asking one name at a time", AwsErrors.describe(e));
            for (String name : names) {
                try {
                    values.put(name, new SsmValue(utf8(aws.ssmParameter(name).value()), null));
                } catch (SdkException one) {
                    values.put(name, new SsmValue(null, one));
                }
            }
            return values;
        }
        found.forEach((name, parameter) -> values.put(name, new SsmValue(utf8(parameter.value()), null)));
        return values;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
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
