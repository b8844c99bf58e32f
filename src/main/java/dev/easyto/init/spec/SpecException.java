package dev.easyto.init.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A document could not be turned into a spec; carries every error found, not just the first. */
public final class SpecException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream()
                .filter(SpecProblem::isError)
                .map(SpecProblem::format)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public SpecException(SpecProblem problem) {
        this(List.of(problem));
    }

    /** Errors and the warnings found alongside them, in document order. */
    public List<SpecProblem> problems() {
        return problems;
    }

    public List<SpecProblem> errors() {
        return problems.stream().filter(SpecProblem::isError).toList();
    }
}
