package dev.easyto.init.boot.phase;

import dev.easyto.init.aws.AwsUnavailableException;
import dev.easyto.init.boot.BootFailure;
import dev.easyto.init.log.Console;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule {@code env-from} items and volumes share: when the source itself fails (its fetch, or
 * what it returned), an item marked {@code optional} is skipped with a warning and a required one
 * stops the boot; no AWS client at all stops the boot either way, as upstream has it.
 */
final class OptionalSources {
    private OptionalSources() {}

    /**
     * One item's work: fails with {@code E} for the source's own failures, {@link
     * AwsUnavailableException} without a client; an outcome fetched in parallel replays either.
     */
    @FunctionalInterface
    interface Source<T, E extends Exception> {
        T fetch() throws Exception;
    }

    /**
     * Runs one item under the rule.
     *
     * @param sourceFailure the exception type of the source's own failures
     * @param skipped the warning for an optional item skipped
     * @param fatal the console message of a failure that stops the boot
     * @return the item's result, or empty when an optional item was skipped
     */
    static <T, E extends Exception> Optional<T> run(
            boolean optional,
            Class<E> sourceFailure,
            Source<T, E> source,
            Function<E, String> skipped,
            Function<Exception, String> fatal)
            throws BootFailure {
        try {
            return Optional.of(source.fetch());
        } catch (AwsUnavailableException e) {
            throw new BootFailure(fatal.apply(e), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (!sourceFailure.isInstance(e)) {
                // Not the source's own failure (nothing else is expected): fatal, like no client.
                throw new BootFailure(fatal.apply(e), e);
            }
            E failure = sourceFailure.cast(e);
            if (!optional) {
                throw new BootFailure(fatal.apply(failure), failure);
            }
            Console.warn("%s", skipped.apply(failure));
            return Optional.empty();
        }
    }
}
