package dev.easyto.init.spec;

import java.io.StringReader;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML to a node tree that keeps line and column of every node. Plain scalars are typed with the
 * YAML 1.2 core schema, not YAML 1.1: {@code yes}, {@code no}, {@code on} and {@code off} stay
 * strings (the "Norway problem"), and {@code 0755} is an integer, which is why file modes must be
 * quoted.
 */
final class Yaml {
    private Yaml() {}

    /** What a scalar is, from its text and quoting. */
    enum ScalarType {
        NULL,
        BOOLEAN,
        INTEGER,
        FLOAT,
        STRING
    }

    private static final Pattern NULL = Pattern.compile("|~|null|Null|NULL");
    private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    // User data is at most 16 KiB before gzip; these bounds stop alias bombs and runaway nesting
    // from exhausting a PID 1 that has nowhere to report an OutOfMemoryError.
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 64;
    private static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

    /** Returns the root node, or null for a document with no content (empty or comments only). */
    static Node compose(String text, String source) throws SpecException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        try {
            Composer composer = new Composer(
                    new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(), options);
            return composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            String context = e.getContext() != null && e.getProblem() != null ? " (" + e.getContext() + ")" : "";
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            throw new SpecException(SpecProblem.error(source, line, column, "", "invalid YAML: " + problem + context));
        } catch (ReaderException e) {
            int[] lineColumn = lineColumnOf(text, e.getPosition());
            throw new SpecException(SpecProblem.error(
                    source,
                    lineColumn[0],
                    lineColumn[1],
                    "",
                    "invalid YAML: character U+%04X is not allowed".formatted(e.getCodePoint())));
        } catch (YAMLException e) {
            throw new SpecException(SpecProblem.error(source, 1, 1, "", "invalid YAML: " + e.getMessage()));
        }
    }

    static ScalarType typeOf(ScalarNode node) {
        if (!node.isPlain()) {
            return ScalarType.STRING;
        }
        String text = node.getValue();
        if (NULL.matcher(text).matches()) {
            return ScalarType.NULL;
        }
        if (BOOLEAN.matcher(text).matches()) {
            return ScalarType.BOOLEAN;
        }
        if (INTEGER.matcher(text).matches()) {
            return ScalarType.INTEGER;
        }
        if (FLOAT.matcher(text).matches()) {
            return ScalarType.FLOAT;
        }
        return ScalarType.STRING;
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode scalar && typeOf(scalar) == ScalarType.NULL);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static int column(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }

    private static int[] lineColumnOf(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int index = 0;
        for (int i = 0; i < text.length() && index < codePointIndex; index++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
