package dev.easyto.init.boot.phase;

import dev.easyto.init.spec.SpecException;
import dev.easyto.init.spec.SpecProblem;
import java.util.stream.Collectors;

/** Spec problems as one console line. */
final class Problems {
    private Problems() {}

    static String describe(SpecException e) {
        return e.errors().stream().map(SpecProblem::format).collect(Collectors.joining("; "));
    }
}
