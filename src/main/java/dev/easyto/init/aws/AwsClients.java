package dev.easyto.init.aws;

import dev.easyto.init.log.Console;
import dev.easyto.init.process.Environ;
import dev.easyto.init.retry.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The S3, SSM, Secrets Manager and EC2 clients, each made on first use: most specs need none, and
 * making one costs a noticeable part of a JVM boot (SDK classes, endpoint rules, the credentials
 * probe). Made with the SDK's builders rather than injected from the Quarkiverse extensions,
 * because region, credentials and endpoint are only known at boot, from IMDS and PID 1's
 * environment, after Quarkus's configuration was read; the extensions stay for what they give the
 * native image (SDK reflection and resource registration). Every call follows {@link
 * RetryPolicy#AWS}: throttling and 5xx are retried with jittered backoff, each attempt and each
 * call has its deadline. EC2 has no
 * extension: its native-image configuration is ours ({@code aws.nativeimage}).
 */
@ApplicationScoped
public class AwsClients {

    /** Works out the shared session; called at most once, by the first client. */
    @FunctionalInterface
    interface SessionSource {
        AwsSession open() throws AwsUnavailableException;
    }

    private final SessionSource source;
    private AwsSession session;
    private AwsUnavailableException unavailable;
    private S3Client s3;
    private SsmClient ssm;
    private SecretsManagerClient secretsManager;
    private Ec2Client ec2;

    @Inject
    public AwsClients(ImdsClient imds) {
        this(() -> AwsSession.forInstance(imds, Environ.ofInit()));
    }

    AwsClients(SessionSource source) {
        this.source = source;
    }

    public synchronized S3Client s3() throws AwsUnavailableException {
        if (s3 == null) {
            AwsSession current = session();
            long started = System.nanoTime();
            Optional<URI> endpoint = endpoint(current, "S3");
            // An endpoint given as an address (a test's emulator) cannot take the bucket as a
            // host name prefix; real S3 keeps virtual-hosted addressing.
            s3 = configure(S3Client.builder(), current, endpoint)
                    .forcePathStyle(endpoint.isPresent())
                    .build();
            created("S3", started);
        }
        return s3;
    }

    public synchronized SsmClient ssm() throws AwsUnavailableException {
        if (ssm == null) {
            AwsSession current = session();
            long started = System.nanoTime();
            ssm = configure(SsmClient.builder(), current, endpoint(current, "SSM"))
                    .build();
            created("SSM", started);
        }
        return ssm;
    }

    public synchronized SecretsManagerClient secretsManager() throws AwsUnavailableException {
        if (secretsManager == null) {
            AwsSession current = session();
            long started = System.nanoTime();
            secretsManager = configure(SecretsManagerClient.builder(), current, endpoint(current, "Secrets Manager"))
                    .build();
            created("Secrets Manager", started);
        }
        return secretsManager;
    }

    /** For EBS attachment (DescribeVolumes, AttachVolume); {@code AWS_ENDPOINT_URL_EC2} points it elsewhere. */
    public synchronized Ec2Client ec2() throws AwsUnavailableException {
        if (ec2 == null) {
            AwsSession current = session();
            long started = System.nanoTime();
            ec2 = configure(Ec2Client.builder(), current, endpoint(current, "EC2"))
                    .build();
            created("EC2", started);
        }
        return ec2;
    }

    private AwsSession session() throws AwsUnavailableException {
        if (unavailable != null) {
            // Once is enough: fetches side by side would each wait out IMDS's deadline again.
            throw unavailable;
        }
        if (session == null) {
            long started = System.nanoTime();
            try {
                session = source.open();
            } catch (AwsUnavailableException e) {
                unavailable = e;
                throw e;
            }
            Console.info("AWS region and credentials ready in %d ms", (System.nanoTime() - started) / 1_000_000);
        }
        return session;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, AwsSession session, Optional<URI> endpoint) {
        builder.region(session.region())
                .credentialsProvider(session.credentials())
                .httpClient(session.httpClient())
                .overrideConfiguration(config -> config.defaultProfileFile(session.profileFile())
                        .retryStrategy(retryStrategy(RetryPolicy.AWS))
                        .apiCallAttemptTimeout(RetryPolicy.AWS.attemptTimeout())
                        .apiCallTimeout(RetryPolicy.AWS.deadline()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /**
     * The SDK's standard retry strategy (its throttling and transient-error conditions, the
     * same for every service) on {@code policy}'s figures: exponential backoff with full jitter
     * from the policy's first wait to its ceiling, throttling included, and its number of
     * attempts. The circuit breaker is off: a boot makes a handful of calls, each bounded by the
     * policy's deadline, and a breaker tripped by one throttled source would fail the next one
     * without trying.
     */
    static RetryStrategy retryStrategy(RetryPolicy policy) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(policy.firstBackoff(), policy.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(policy.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .build();
    }

    private static Optional<URI> endpoint(AwsSession session, String serviceId) throws AwsUnavailableException {
        try {
            return session.endpoint(serviceId);
        } catch (IllegalArgumentException e) {
            throw new AwsUnavailableException("invalid AWS endpoint for " + serviceId + ": " + e.getMessage(), e);
        }
    }

    private static void created(String service, long started) {
        Console.info("created %s client in %d ms", service, (System.nanoTime() - started) / 1_000_000);
    }
}
