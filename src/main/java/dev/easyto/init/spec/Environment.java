package dev.easyto.init.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command's final environment and argv, with upstream's Rust semantics (the documented ones):
 * static {@code env} values are expanded against the static values first and the env-from values
 * second, so a static variable wins over a fetched one of the same name; fetched values are
 * appended unexpanded (a secret is never rewritten); PATH gets a default when nothing sets it.
 */
public final class Environment {
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin";
    public static final String DEFAULT_COMMAND = "/.easyto/bin/sh";

    private Environment() {}

    /**
     * The environment the command gets.
     *
     * @param resolved variables fetched from env-from sources, in source order
     */
    public static List<NameValue> finalEnv(List<NameValue> staticEnv, List<NameValue> resolved) {
        Map<String, String> staticValues = lastWins(staticEnv);
        Map<String, String> resolvedValues = lastWins(resolved);
        List<NameValue> result = new ArrayList<>(staticEnv.size() + resolved.size() + 1);
        for (NameValue nv : staticEnv) {
            String value = Expansion.expand(nv.value(), name -> {
                String fromStatic = staticValues.get(name);
                return fromStatic != null ? fromStatic : resolvedValues.get(name);
            });
            result.add(new NameValue(nv.name(), value));
        }
        result.addAll(resolved);
        if (result.stream().noneMatch(nv -> nv.name().equals("PATH"))) {
            result.add(new NameValue("PATH", DEFAULT_PATH));
        }
        return List.copyOf(result);
    }

    /** {@code command ++ args}, each expanded against the final environment; a shell when both are empty. */
    public static List<String> argv(List<String> command, List<String> args, List<NameValue> finalEnv) {
        if (command.isEmpty() && args.isEmpty()) {
            return List.of(DEFAULT_COMMAND);
        }
        Map<String, String> values = lastWins(finalEnv);
        List<String> argv = new ArrayList<>(command.size() + args.size());
        command.forEach(arg -> argv.add(Expansion.expand(arg, values::get)));
        args.forEach(arg -> argv.add(Expansion.expand(arg, values::get)));
        return List.copyOf(argv);
    }

    /** The value a process would see: with duplicates, the last entry wins. */
    public static String valueOf(List<NameValue> env, String name) {
        return lastWins(env).get(name);
    }

    private static Map<String, String> lastWins(List<NameValue> env) {
        Map<String, String> map = new HashMap<>();
        env.forEach(nv -> map.put(nv.name(), nv.value()));
        return map;
    }
}
