package dev.easyto.init.aws;

import dev.easyto.init.log.Console;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * What every AWS client of one boot shares: region, credentials, HTTP client, endpoint overrides.
 * Worked out once, on the first client a spec needs, the way upstream's Zig init does it: region
 * from IMDS, then a credentials probe, so a machine without an instance profile fails with a
 * message that says so rather than with a signature error on the first call.
 */
public record AwsSession(
        Region region,
        AwsCredentialsProvider credentials,
        SdkHttpClient httpClient,
        ProfileFile profileFile,
        Map<String, String> environment) {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    /** A session for this instance: {@code AWS_REGION} or IMDS's region, instance-profile credentials. */
    static AwsSession forInstance(ImdsClient imds, Map<String, String> environment) throws AwsUnavailableException {
        Region region = region(imds, environment);
        Console.info("AWS region: %s", region.id());
        // The same IMDS as ours: the SDK would read AWS_EC2_METADATA_SERVICE_ENDPOINT from the
        // process environment itself, but taking it from the map keeps one source of truth.
        InstanceProfileCredentialsProvider.Builder builder =
                InstanceProfileCredentialsProvider.builder().profileFile(emptyProfileFile());
        String imdsEndpoint = environment.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        if (imdsEndpoint != null && !imdsEndpoint.isBlank()) {
            builder.endpoint(imdsEndpoint.strip());
        }
        InstanceProfileCredentialsProvider credentials = builder.build();
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new AwsUnavailableException(
                    "user data config requires an IAM instance profile: " + AwsErrors.describe(e), e);
        }
        return new AwsSession(region, credentials, httpClient(environment), emptyProfileFile(), environment);
    }

    private static Region region(ImdsClient imds, Map<String, String> environment) throws AwsUnavailableException {
        String configured = environment.get("AWS_REGION");
        if (configured != null && !configured.isBlank()) {
            return Region.of(configured.strip());
        }
        try {
            String region = imds.metadata("placement/region").strip();
            if (region.isEmpty()) {
                throw new IOException("IMDS placement/region is empty");
            }
            return Region.of(region);
        } catch (IOException e) {
            throw new AwsUnavailableException("unable to determine the AWS region: " + e.getMessage(), e);
        }
    }

    /**
     * An empty profile: the AMI has no {@code ~/.aws} files, and not looking for them keeps the SDK
     * off a filesystem that belongs to the image.
     */
    static ProfileFile emptyProfileFile() {
        return ProfileFile.builder()
                .content("")
                .type(ProfileFile.Type.CONFIGURATION)
                .build();
    }

    /**
     * One blocking HTTP client on the JDK's own URL connection: no connection-pool or event-loop
     * threads for a handful of boot-time calls. Trusts {@code SSL_CERT_FILE} when set, since the
     * AMI points it at its own CA bundle and the image may have no CA store the JVM can find.
     */
    static SdkHttpClient httpClient(Map<String, String> environment) throws AwsUnavailableException {
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT);
        String bundle = environment.get("SSL_CERT_FILE");
        if (bundle != null && !bundle.isBlank()) {
            TrustManager[] trustManagers = trustManagers(Path.of(bundle.strip()));
            builder.tlsTrustManagersProvider(() -> trustManagers);
        }
        return builder.build();
    }

    static TrustManager[] trustManagers(Path bundle) throws AwsUnavailableException {
        try (InputStream in = Files.newInputStream(bundle)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new AwsUnavailableException("SSL_CERT_FILE " + bundle + " holds no certificates", null);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new AwsUnavailableException("unable to read the CA bundle SSL_CERT_FILE=" + bundle + ": " + e, e);
        }
    }

    /**
     * The endpoint for one service: {@code AWS_ENDPOINT_URL_<SERVICE>}, else {@code AWS_ENDPOINT_URL}
     * (the SDKs' standard variables; upstream's tests point the init at LocalStack with the latter).
     *
     * @param serviceId the SDK's service id, e.g. {@code S3}, {@code SSM}, {@code Secrets Manager}
     */
    Optional<URI> endpoint(String serviceId) {
        String specific = environment.get(
                "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_'));
        String chosen = specific != null && !specific.isBlank() ? specific : environment.get("AWS_ENDPOINT_URL");
        return chosen == null || chosen.isBlank() ? Optional.empty() : Optional.of(URI.create(chosen.strip()));
    }
}
