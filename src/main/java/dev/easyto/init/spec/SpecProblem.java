package dev.easyto.init.spec;

/**
 * One thing wrong (or suspicious) in a document a person wrote: where it is and what to do about
 * it. {@code path} uses the user-data key names ({@code volumes[1].ebs.mount.fs-type}); an empty
 * path means the document as a whole.
 */
public record SpecProblem(Severity severity, String source, int line, int column, String path, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static SpecProblem error(String source, int line, int column, String path, String message) {
        return new SpecProblem(Severity.ERROR, source, line, column, path, message);
    }

    public static SpecProblem warning(String source, int line, int column, String path, String message) {
        return new SpecProblem(Severity.WARNING, source, line, column, path, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Compiler-style, so editors and CI logs can jump to the spot: {@code file:line:col: path: message}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(source);
        if (line > 0) {
            out.append(':').append(line).append(':').append(column);
        }
        out.append(": ");
        if (severity == Severity.WARNING) {
            out.append("warning: ");
        }
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
