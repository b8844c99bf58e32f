package dev.easyto.init.boot;

import java.util.List;

/** A phase for graph tests: produces its result from its inputs with {@code body}. */
record FakePhase<R>(String name, List<Class<?>> consumes, Class<R> produces, Body<R> body) implements Phase<R> {

    interface Body<R> {
        R apply(PhaseInputs inputs) throws Exception;
    }

    @Override
    public PhaseInfo<R> info() {
        return new PhaseInfo<>(name, produces, consumes, List.of());
    }

    @Override
    public R run(PhaseInputs inputs) throws Exception {
        return body.apply(inputs);
    }
}
