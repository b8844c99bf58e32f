package dev.easyto.init.boot;

import java.util.List;

/**
 * What a phase is to the graph: its name, the result it produces, the results it reads ({@code
 * consumes}) and the results it only has to come after ({@code after}: something it relies on
 * having happened, such as the base mounts, without reading what it was).
 *
 * @param <R> the result type; exactly one phase produces each type
 */
public record PhaseInfo<R>(String name, Class<R> produces, List<Class<?>> consumes, List<Class<?>> after) {

    public PhaseInfo {
        consumes = List.copyOf(consumes);
        after = List.copyOf(after);
    }

    public static <R> PhaseInfo<R> of(String name, Class<R> produces) {
        return new PhaseInfo<>(name, produces, List.of(), List.of());
    }

    public PhaseInfo<R> consumes(Class<?>... types) {
        return new PhaseInfo<>(name, produces, List.of(types), after);
    }

    public PhaseInfo<R> after(Class<?>... types) {
        return new PhaseInfo<>(name, produces, consumes, List.of(types));
    }
}
