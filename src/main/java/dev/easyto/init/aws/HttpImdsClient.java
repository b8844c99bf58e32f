package dev.easyto.init.aws;

import dev.easyto.init.config.InitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * IMDSv2 over plain {@link HttpURLConnection}: no HTTP client threads or pools to start in early
 * boot. A session token (6 h, the maximum) is fetched once and renewed on a 401; each request is
 * tried up to three times, a second apart, because the link may still be settling.
 */
@ApplicationScoped
public class HttpImdsClient implements ImdsClient {
    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final int ATTEMPTS = 3;
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final String endpoint;
    private final int timeoutMillis;
    private final Duration retryDelay;
    private volatile String token;

    @Inject
    public HttpImdsClient(InitConfig config) {
        this(
                config.imdsEndpoint(),
                config.timeouts().imdsRequest(),
                config.timeouts().imdsRetryDelay());
    }

    HttpImdsClient(String endpoint, Duration timeout, Duration retryDelay) {
        String trimmed = endpoint.strip();
        this.endpoint = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
        this.retryDelay = retryDelay;
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
        connection.setConnectTimeout(timeoutMillis);
        connection.setReadTimeout(timeoutMillis);
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

    private void sleep() throws IOException {
        try {
            Thread.sleep(retryDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying IMDS", e);
        }
    }
}
