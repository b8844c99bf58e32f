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

    /** Name, result and dependencies; a constant of each phase. */
    PhaseInfo<R> info();

    R run(PhaseInputs inputs) throws Exception;

    /** The name in logs and in the boot trace, e.g. {@code base-mounts}. */
    default String name() {
        return info().name();
    }

    default Class<R> produces() {
        return info().produces();
    }

    /** Result types this phase reads from {@link PhaseInputs}; nothing else is readable. */
    default List<Class<?>> consumes() {
        return info().consumes();
    }

    /** Result types whose phases must be done first, though this one does not read them. */
    default List<Class<?>> after() {
        return info().after();
    }
}
