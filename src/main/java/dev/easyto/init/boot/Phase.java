package dev.easyto.init.boot;

import java.util.List;

/**
 * One named step of the boot. A phase consumes the results of other phases, by type, and
 * produces one result; the orchestrator derives the dependency graph from these types (the way
 * Quarkus build steps consume and produce build items) and runs independent phases in parallel.
 *
 * @param <R> the result type; exactly one phase produces each type
 */
public interface Phase<R> {

    /** The name in logs and in the boot trace, e.g. {@code base-mounts}. */
    String name();

    /** Result types this phase reads from {@link PhaseInputs}; nothing else is readable. */
    List<Class<?>> consumes();

    Class<R> produces();

    R run(PhaseInputs inputs) throws Exception;
}
