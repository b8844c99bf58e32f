package dev.easyto.init.aws;

import dev.easyto.init.config.InitConfig;
import dev.easyto.init.retry.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * IMDSv2 over plain {@link HttpURLConnection}: no HTTP client threads or pools to start in early
 * boot. A session token (6 h, the maximum) is fetched once and renewed on a 401. Every request
 * follows {@link RetryPolicy#IMDS}: IMDS unreachable, stalling, answering 5xx or 429, a token
 * refused with 401, or an answer that cannot be what was asked (a token or meta-data that is not
 * text) are retried until the policy's deadline; any other status is the caller's to judge at once
 * (404 on user data means none).
 */
@ApplicationScoped
public class HttpImdsClient implements ImdsClient {
    private static final String TOKEN_TTL_SECONDS = "21600";
    private static final String TOKEN_PATH = "/latest/api/token";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Real tokens are 56 characters of base64; anything much longer or not printable is not one. */
    private static final int MAX_TOKEN_CHARS = 1024;

    private final String endpoint;
    private final RetryPolicy policy;
    private volatile String token;

    @Inject
    public HttpImdsClient(InitConfig config) {
        this(
                config.imdsEndpoint(),
                config.timeouts().imds().map(RetryPolicy.IMDS::withDeadline).orElse(RetryPolicy.IMDS));
    }

    HttpImdsClient(String endpoint, RetryPolicy policy) {
        String trimmed = endpoint.strip();
        this.endpoint = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        this.policy = policy;
    }

    @Override
    public Optional<byte[]> userData() throws IOException {
        try {
            return Optional.of(get("/latest/user-data", false));
        } catch (ImdsException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String metadata(String path) throws IOException {
        return new String(get("/latest/meta-data/" + path, true), StandardCharsets.UTF_8);
    }

    private byte[] get(String path, boolean text) throws IOException {
        return policy.call("IMDS " + path, timeout -> getOnce(path, text, timeout), HttpImdsClient::retryable);
    }

    /** IMDS not there yet, busy, or garbled; never a status that is an answer (404, 403, 400). */
    static boolean retryable(IOException e) {
        if (e instanceof ImdsException imds) {
            return imds.status() == 401 || imds.status() == 429 || imds.status() >= 500;
        }
        return !(e instanceof TooLarge);
    }

    private byte[] getOnce(String path, boolean text, Duration timeout) throws IOException {
        String current = token(timeout);
        HttpURLConnection connection = open(path, "GET", timeout);
        connection.setRequestProperty("X-aws-ec2-metadata-token", current);
        byte[] body;
        try {
            body = body(connection, path);
        } catch (ImdsException e) {
            if (e.status() == 401) {
                // Expired, or IMDS restarted with new tokens: the next attempt asks for another.
                token = null;
            }
            throw e;
        }
        if (text) {
            checkText(path, body);
        }
        return body;
    }

    private String token(Duration timeout) throws IOException {
        String current = token;
        if (current == null) {
            HttpURLConnection connection = open(TOKEN_PATH, "PUT", timeout);
            connection.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.flush();
            } catch (IOException e) {
                throw failed(TOKEN_PATH, e);
            }
            current = new String(body(connection, TOKEN_PATH), StandardCharsets.UTF_8).strip();
            if (current.isEmpty()
                    || current.length() > MAX_TOKEN_CHARS
                    || !current.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                // Never quoted: it may be half a real token.
                throw new IOException("IMDS " + TOKEN_PATH + ": the answer is not a token");
            }
            token = current;
        }
        return current;
    }

    private HttpURLConnection open(String path, String method, Duration timeout) throws IOException {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        HttpURLConnection connection =
                (HttpURLConnection) URI.create(endpoint + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setUseCaches(false);
        return connection;
    }

    private static byte[] body(HttpURLConnection connection, String path) throws IOException {
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            throw failed(path, e);
        }
        if (status != 200) {
            connection.disconnect();
            throw new ImdsException(path, status);
        }
        try (InputStream in = connection.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new TooLarge("IMDS " + path + ": response larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (TooLarge e) {
            throw e;
        } catch (IOException e) {
            throw failed(path, e);
        }
    }

    /** The JDK's messages ("Connection refused", "Read timed out") do not say what was asked. */
    private static IOException failed(String path, IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException("IMDS " + path + ": " + message, e);
    }

    private static void checkText(String path, byte[] body) throws IOException {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new IOException("IMDS " + path + ": the answer is not text", e);
        }
    }

    /** An answer too large to be IMDS's: not retried, since asking again gets the same. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
