package dev.memlens.syntax;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPython additions a notebook cell may hold, made harmless for the Python parser: line magics ({@code %time}),
 * shell escapes ({@code !ls}), help ({@code obj?}) and their assignment forms ({@code files = !ls}), and cell magics
 * ({@code %%bash}). They are overwritten in place, so every offset, line and column of the cell stays where it was:
 * positions map between the cell and the analyzed text without any table.
 *
 * <p>Only the start of a logical line is looked at, as IPython does: a {@code %} that continues an expression inside
 * brackets or after a backslash ({@code (a\n % b)}), or that sits in a triple-quoted string, is Python and is kept.
 */
public final class IpythonSyntax {

    /** Cell magics whose body is Python (the first line alone is IPython); any other cell magic's body is not. */
    private static final Set<String> PYTHON_BODY = Set.of("time", "timeit", "capture", "prun", "debug");

    /** {@code a = !ls}, {@code a, b = %sx ls}: the names, {@code =}, then the magic. */
    private static final Pattern ASSIGNED = Pattern.compile(
            "^\\s*[A-Za-z_][\\w.]*(?:\\s*,\\s*[A-Za-z_][\\w.]*)*\\s*=\\s*(?=[!%])");

    private IpythonSyntax() {
    }

    /** The cell with its IPython lines overwritten by Python of the same length (the cell itself when it has none). */
    public static String toPython(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        String first = cell.stripLeading();
        if (first.startsWith("%%")) {
            return cellMagic(cell);
        }
        StringBuilder out = new StringBuilder(cell);
        Scanner scanner = new Scanner();
        int lineStart = 0;
        while (lineStart < cell.length()) {
            int lineEnd = lineEnd(cell, lineStart);
            if (scanner.atLogicalLineStart()) {
                blankMagic(out, lineStart, lineEnd);
            }
            scanner.scan(out, lineStart, lineEnd);
            lineStart = next(cell, lineEnd);
        }
        return out.toString();
    }

    /** A {@code %%} cell: its first line always goes; the rest stays only when the magic runs it as Python. */
    private static String cellMagic(String cell) {
        StringBuilder out = new StringBuilder(cell);
        int start = cell.indexOf("%%");
        int end = lineEnd(cell, start);
        Matcher name = Pattern.compile("%%([A-Za-z_]\\w*)").matcher(cell.substring(start, end));
        boolean pythonBody = name.lookingAt() && PYTHON_BODY.contains(name.group(1));
        fill(out, start, end);
        if (!pythonBody) {
            // not Python at all (bash, html, writefile...): every character becomes a space, line breaks stay
            for (int i = end; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c != '\n' && c != '\r') {
                    out.setCharAt(i, ' ');
                }
            }
            return out.toString();
        }
        String body = toPython(cell.substring(next(cell, end)));
        out.replace(next(cell, end), out.length(), body);
        return out.toString();
    }

    /** Overwrites the IPython part of one line that starts a logical line, if it has one. */
    private static void blankMagic(StringBuilder out, int start, int end) {
        String line = out.substring(start, end);
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
            indent++;
        }
        if (indent == line.length()) {
            return;
        }
        char c = line.charAt(indent);
        if (c == '%' || c == '!' || c == '?') {
            fill(out, start + indent, end);
            return;
        }
        Matcher assigned = ASSIGNED.matcher(line);
        if (assigned.find()) {
            fill(out, start + assigned.end(), end);
            return;
        }
        String code = line.strip();
        // `obj?` and `obj??` ask for help; a `?` is never Python outside strings and comments
        if (code.endsWith("?") && code.indexOf('#') < 0 && code.indexOf('\'') < 0 && code.indexOf('"') < 0) {
            fill(out, start + indent, end);
        }
    }

    /**
     * Overwrites {@code [start, end)} with an expression statement ({@code ...}, or {@code 0} when fewer than three
     * characters are free) padded with spaces: valid where a statement or an assigned value is expected, so a block
     * whose only line was a magic still has a body.
     */
    private static void fill(StringBuilder out, int start, int end) {
        String filler = end - start >= 3 ? "..." : "0";
        for (int i = start; i < end; i++) {
            int k = i - start;
            out.setCharAt(i, k < filler.length() ? filler.charAt(k) : ' ');
        }
    }

    private static int lineEnd(CharSequence s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int next(CharSequence s, int lineEnd) {
        if (lineEnd >= s.length()) {
            return s.length();
        }
        if (s.charAt(lineEnd) == '\r' && lineEnd + 1 < s.length() && s.charAt(lineEnd + 1) == '\n') {
            return lineEnd + 2;
        }
        return lineEnd + 1;
    }

    /**
     * Just enough of Python's tokenizer to know whether the next line starts a logical line: open brackets, an open
     * triple-quoted string and a trailing backslash continue the current one. Comments and one-line strings are
     * skipped so that brackets and quotes inside them do not count.
     */
    private static final class Scanner {
        private int depth;
        private String openTriple;
        private boolean backslash;

        boolean atLogicalLineStart() {
            return depth == 0 && openTriple == null && !backslash;
        }

        void scan(CharSequence s, int start, int end) {
            backslash = false;
            int i = start;
            while (i < end) {
                if (openTriple != null) {
                    int close = indexOf(s, openTriple, i, end);
                    if (close < 0) {
                        return;
                    }
                    i = close + 3;
                    openTriple = null;
                    continue;
                }
                char c = s.charAt(i);
                if (c == '#') {
                    return;
                }
                if (c == '\\') {
                    if (i + 1 == end) {
                        backslash = true;
                        return;
                    }
                    i += 2;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    String triple = String.valueOf(c).repeat(3);
                    if (startsWith(s, triple, i, end)) {
                        openTriple = triple;
                        i += 3;
                        continue;
                    }
                    i = endOfShortString(s, i, end, c);
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                    depth--;
                }
                i++;
            }
        }

        private static int endOfShortString(CharSequence s, int open, int end, char quote) {
            int i = open + 1;
            while (i < end) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return end;
        }

        private static int indexOf(CharSequence s, String what, int from, int end) {
            for (int i = from; i + what.length() <= end; i++) {
                if (startsWith(s, what, i, end)) {
                    // an escaped quote does not close the string
                    if (i > from && s.charAt(i - 1) == '\\') {
                        continue;
                    }
                    return i;
                }
            }
            return -1;
        }

        private static boolean startsWith(CharSequence s, String what, int at, int end) {
            if (at + what.length() > end) {
                return false;
            }
            for (int k = 0; k < what.length(); k++) {
                if (s.charAt(at + k) != what.charAt(k)) {
                    return false;
                }
            }
            return true;
        }
    }
}
