package dev.easyto.init.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * The command's strings reach execve as C strings, where a NUL byte ends them early: an argument
 * would be cut short and an environment value would silently lose its tail. Wherever the bytes
 * came from (user data, the image config, a fetched value), the command is refused, naming the
 * argument or variable and never showing the value, which may be a secret.
 */
final class NulBytes {
    private NulBytes() {}

    static List<SpecProblem> inCommand(List<String> argv, List<NameValue> env, String workingDir) {
        List<SpecProblem> problems = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            if (has(argv.get(i))) {
                problems.add(problem("argv[" + i + "]", "contains a NUL byte, which no argument can hold"));
            }
        }
        for (NameValue variable : env) {
            if (has(variable.name())) {
                problems.add(problem("env", "a variable name contains a NUL byte"));
            } else if (has(variable.value())) {
                problems.add(problem(
                        "env " + variable.name(),
                        "the value contains a NUL byte, which no environment variable can hold"));
            }
        }
        if (workingDir != null && has(workingDir)) {
            problems.add(problem("working-dir", "contains a NUL byte, which no path can hold"));
        }
        return problems;
    }

    static boolean has(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    private static SpecProblem problem(String path, String message) {
        return SpecProblem.error("the command", 0, 0, path, message);
    }
}
