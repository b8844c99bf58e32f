package dev.easyto.init.aws;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The test profile's IMDS: data set by each test, failures on request. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeImdsClient implements ImdsClient {
    private final Map<String, String> metadata = new HashMap<>();
    private byte[] userData;
    private IOException failure;

    public void reset() {
        metadata.clear();
        userData = null;
        failure = null;
    }

    public void userData(byte[] bytes) {
        userData = bytes;
    }

    public void metadata(String path, String value) {
        metadata.put(path, value);
    }

    public void failWith(IOException e) {
        failure = e;
    }

    @Override
    public Optional<byte[]> userData() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return Optional.ofNullable(userData);
    }

    @Override
    public String metadata(String path) throws IOException {
        if (failure != null) {
            throw failure;
        }
        String value = metadata.get(path);
        if (value == null) {
            throw new ImdsException("/latest/meta-data/" + path, 404);
        }
        return value;
    }
}
