package dev.easyto.init.boot;

import java.util.Map;
import java.util.Set;

/** The results a phase declared it consumes; asking for anything else is a programming error. */
public final class PhaseInputs {
    private final String phase;
    private final Set<Class<?>> declared;
    private final Map<Class<?>, Object> results;

    public PhaseInputs(String phase, Set<Class<?>> declared, Map<Class<?>, Object> results) {
        this.phase = phase;
        this.declared = declared;
        this.results = results;
    }

    public <T> T get(Class<T> type) {
        if (!declared.contains(type)) {
            throw new IllegalStateException(
                    "phase " + phase + " reads " + type.getSimpleName() + " without declaring it");
        }
        return type.cast(results.get(type));
    }
}
