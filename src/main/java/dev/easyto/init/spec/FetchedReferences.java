package dev.easyto.init.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which {@code $(NAME)} references can expand to a value fetched by {@code env-from}, decided
 * from the spec alone, before anything is fetched, so that {@code plan} and the boot agree (a
 * template volume that can receive one defaults to mode 0600, docs/behaviour.md §2.3). It errs
 * towards "fetched": a wrong guess there only makes a file private.
 *
 * <p>A name can carry a fetched value when an {@code env-from} item with {@code name} gives it, or
 * when any item without {@code name} exists (a JSON object gives names no spec can know), or when
 * it is a static variable whose value refers to such a name that is not static itself: static
 * values are expanded once, against the static values first (Environment#finalEnv).
 */
final class FetchedReferences {
    private final Set<String> named;
    private final boolean anyName;
    private final Map<String, String> staticValues;

    private FetchedReferences(Set<String> named, boolean anyName, Map<String, String> staticValues) {
        this.named = named;
        this.anyName = anyName;
        this.staticValues = staticValues;
    }

    static FetchedReferences of(List<NameValue> env, List<EnvFrom> envFrom) {
        Set<String> named = new HashSet<>();
        boolean anyName = false;
        for (EnvFrom source : envFrom) {
            String name = nameOf(source);
            if (name == null || name.isEmpty()) {
                anyName = true;
            } else {
                named.add(name);
            }
        }
        Map<String, String> staticValues = new HashMap<>();
        for (NameValue variable : env) {
            staticValues.put(variable.name(), variable.value() == null ? "" : variable.value());
        }
        return new FetchedReferences(named, anyName, staticValues);
    }

    /** Whether expanding {@code value} (plain YAML data: strings, lists, maps) can bring in a fetched value. */
    boolean reachedFrom(Object value) {
        if (named.isEmpty() && !anyName) {
            return false;
        }
        return switch (value) {
            case String text -> referencesFetched(text);
            case List<?> list -> list.stream().anyMatch(this::reachedFrom);
            case Map<?, ?> map -> map.values().stream().anyMatch(this::reachedFrom);
            case null, default -> false;
        };
    }

    /**
     * A name fetched by env-from wins over a static one of the same name in the final lookup
     * (fetched variables come after the static ones), so it counts whether or not it is static.
     */
    private boolean referencesFetched(String text) {
        boolean[] found = {false};
        Expansion.expand(text, name -> {
            if (fetched(name)
                    || (staticValues.containsKey(name) && referencesNonStaticFetched(staticValues.get(name)))) {
                found[0] = true;
            }
            return null;
        });
        return found[0];
    }

    /** A static value's references resolve against the static values first, fetched ones second. */
    private boolean referencesNonStaticFetched(String staticValue) {
        boolean[] found = {false};
        Expansion.expand(staticValue, name -> {
            if (!staticValues.containsKey(name) && fetched(name)) {
                found[0] = true;
            }
            return null;
        });
        return found[0];
    }

    private boolean fetched(String name) {
        return anyName || named.contains(name);
    }

    private static String nameOf(EnvFrom source) {
        return switch (source) {
            case EnvFrom.Imds imds -> imds.name();
            case EnvFrom.S3 s3 -> s3.name();
            case EnvFrom.Ssm ssm -> ssm.name();
            case EnvFrom.SecretsManager secret -> secret.name();
        };
    }
}
