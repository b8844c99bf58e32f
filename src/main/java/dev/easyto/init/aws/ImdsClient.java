package dev.easyto.init.aws;

import java.io.IOException;
import java.util.Optional;

/** The instance metadata service, IMDSv2 only. */
public interface ImdsClient {

    /** The raw user data, or empty when the instance has none (HTTP 404). */
    Optional<byte[]> userData() throws IOException;

    /** A value under {@code /latest/meta-data/}, e.g. {@code instance-id}; 404 throws {@link ImdsException}. */
    String metadata(String path) throws IOException;
}
