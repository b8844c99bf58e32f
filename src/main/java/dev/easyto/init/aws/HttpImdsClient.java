package dev.easyto.init.aws;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * IMDSv2 over plain {@link HttpURLConnection}: no HTTP client threads or pools to start in early
 * boot. A session token (6 h, the maximum) is fetched once and renewed on a 401; each request is
 * tried up to three times, a second apart, because the link may still be settling.
 */
@ApplicationScoped
public class HttpImdsClient implements ImdsClient {
    static final String DEFAULT_ENDPOINT = "http://169.254.169.254";
    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final int ATTEMPTS = 3;
    private static final long RETRY_DELAY_MS = 1000;
    private static final int TIMEOUT_MS = 2000;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final String endpoint;
    private volatile String token;

    public HttpImdsClient() {
        this(endpointFromEnvironment());
    }

    HttpImdsClient(String endpoint) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    /** The AWS SDKs' override; upstream's tests point the init at their mock with it. */
    static String endpointFromEnvironment() {
        String configured = System.getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
        return configured == null || configured.isBlank() ? DEFAULT_ENDPOINT : configured.strip();
    }

    @Override
    public Optional<byte[]> userData() throws IOException {
        try {
            return Optional.of(get("/latest/user-data"));
        } catch (ImdsException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String metadata(String path) throws IOException {
        return new String(get("/latest/meta-data/" + path), StandardCharsets.UTF_8);
    }

    private byte[] get(String path) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return getOnce(path);
            } catch (ImdsException e) {
                if (e.status() == 401) {
                    token = null;
                    last = e;
                } else if (e.status() < 500) {
                    throw e;
                } else {
                    last = e;
                }
            } catch (IOException e) {
                last = e;
            }
            if (attempt < ATTEMPTS) {
                sleep();
            }
        }
        throw last;
    }

    private byte[] getOnce(String path) throws IOException {
        HttpURLConnection connection = open(path, "GET");
        connection.setRequestProperty("X-aws-ec2-metadata-token", token());
        return body(connection, path);
    }

    private String token() throws IOException {
        String current = token;
        if (current == null) {
            HttpURLConnection connection = open("/latest/api/token", "PUT");
            connection.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.flush();
            }
            current = new String(body(connection, "/latest/api/token"), StandardCharsets.UTF_8).strip();
            token = current;
        }
        return current;
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(endpoint + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(TIMEOUT_MS);
        connection.setReadTimeout(TIMEOUT_MS);
        connection.setUseCaches(false);
        return connection;
    }

    private static byte[] body(HttpURLConnection connection, String path) throws IOException {
        int status = connection.getResponseCode();
        if (status != 200) {
            connection.disconnect();
            throw new ImdsException(path, status);
        }
        try (InputStream in = connection.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new IOException("IMDS " + path + ": response larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(RETRY_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying IMDS", e);
        }
    }
}
