package dev.easyto.init.aws;

import dev.easyto.init.log.Failures;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Console wording for SDK failures: the service's error code first, since that is what people and tests look for. */
public final class AwsErrors {
    private AwsErrors() {}

    /**
     * {@code NoSuchKey: The specified key does not exist. (HTTP 404)} for a service error, the
     * SDK's own message for a client-side one (connection refused, timeout).
     */
    public static String describe(SdkException e) {
        Integer attempts = e.numAttempts();
        // How hard it was tried (RetryPolicy.AWS), so a failure is not taken for a first try.
        String tried = attempts == null || attempts < 2 ? "" : " after " + attempts + " attempts";
        return describeOnce(e) + tried;
    }

    private static String describeOnce(SdkException e) {
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String message = details == null ? null : details.errorMessage();
            StringBuilder text = new StringBuilder();
            text.append(code == null || code.isBlank() ? "HTTP " + service.statusCode() : code);
            if (message != null && !message.isBlank()) {
                text.append(": ").append(message);
            }
            if (code != null && !code.isBlank()) {
                text.append(" (HTTP ").append(service.statusCode()).append(')');
            }
            return text.toString();
        }
        return Failures.describe(e);
    }
}
