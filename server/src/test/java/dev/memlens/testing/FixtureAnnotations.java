package dev.memlens.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectations a fixture states about diagnostics and inlay hints, read from its comments and written back
 * (bless). The language is described in {@code src/test/resources/fixtures/README.md}:
 * <pre>
 * s[1].append(4)  # diag: MEM101 "also changes" @1-14
 * y = x           # hint: ≡ x; hint: refs: 2
 * copy.copy(x)[0].append(1)
 *     #^^^^^^^ diag: MEM101 "shallow"
 * </pre>
 * A trailing {@code diag:} clause lists codes expected on its line, each optionally with a message substring in
 * quotes and a column range ({@code @start-end}, 1-based and inclusive; {@code @start-+n:end} ends n lines below).
 * A caret line (a comment of carets, then one {@code diag:} clause) states the range of one diagnostic on the
 * nearest line above that is not a caret line. A {@code hint:} clause is the whole label of one hint on its line.
 */
public final class FixtureAnnotations {

    /** A column range, 1-based and inclusive; {@code endLines} is how many lines below the start it ends. */
    public record Range(int startColumn, int endLines, int endColumn) {
        @Override
        public String toString() {
            return "@" + startColumn + "-" + (endLines == 0 ? "" : "+" + endLines + ":") + endColumn;
        }
    }

    /** One expected diagnostic: its code, and what the fixture says of its message and range (null: anything). */
    public record Diag(int line, String code, String message, Range range, boolean caret) {
        public String clause() {
            return code + (message == null ? "" : " " + quote(message)) + (range == null || caret ? "" : " " + range);
        }
    }

    /** One expected inlay hint label. */
    public record Hint(int line, String label) {
    }

    /** Everything a fixture states (lines 0-based), and which lines are caret lines. */
    public record Expectations(List<Diag> diags, List<Hint> hints, boolean[] caretLines) {
    }

    private static final Pattern CARET_LINE = Pattern.compile("^(\\s*#\\s*)(\\^+)\\s*diag:(.*)$");
    private static final Pattern CLAUSE_START = Pattern.compile("^\\s*(diag|hint):");
    private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern RANGE = Pattern.compile("@(\\d+)-(?:\\+(\\d+):)?(\\d+)");

    private FixtureAnnotations() {
    }

    /** Whether this line is a caret line. */
    public static boolean isCaretLine(String line) {
        return CARET_LINE.matcher(line).matches();
    }

    public static Expectations read(String[] lines) {
        List<Diag> diags = new ArrayList<>();
        List<Hint> hints = new ArrayList<>();
        boolean[] caret = new boolean[lines.length];
        int target = -1;
        for (int i = 0; i < lines.length; i++) {
            Matcher m = CARET_LINE.matcher(lines[i]);
            if (m.matches()) {
                caret[i] = true;
                if (target < 0) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a caret line with no code above it");
                }
                List<Diag> stated = diagClause(target, m.group(3), i);
                if (stated.size() != 1) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a caret line states one diagnostic");
                }
                int start = m.group(1).length() + 1;
                Range range = new Range(start, 0, start + m.group(2).length() - 1);
                Diag d = stated.get(0);
                if (d.range() != null) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": carets and @range both");
                }
                diags.add(new Diag(target, d.code(), d.message(), range, true));
                continue;
            }
            target = i;
            String comment = annotationComment(lines[i]);
            if (comment == null) {
                continue;
            }
            for (String clause : clauses(comment)) {
                Matcher c = CLAUSE_START.matcher(clause);
                if (!c.find()) {
                    continue;
                }
                String body = clause.substring(c.end());
                if (c.group(1).equals("diag")) {
                    diags.addAll(diagClause(i, body, i));
                } else {
                    hints.add(new Hint(i, body.strip()));
                }
            }
        }
        return new Expectations(diags, hints, caret);
    }

    /** The comment of the line that holds {@code diag:} or {@code hint:} clauses (from its '#'), or null. */
    static String annotationComment(String line) {
        int at = commentStart(line);
        return at < 0 ? null : line.substring(at + 1);
    }

    /**
     * Where the line's annotation comment starts: the '#' after which some ';'-separated clause is a diag or hint
     * clause. (A '#' inside a string literal is taken for one only if a clause follows it, which fixtures avoid.)
     */
    public static int commentStart(String line) {
        for (int at = line.indexOf('#'); at >= 0; at = line.indexOf('#', at + 1)) {
            for (String clause : clauses(line.substring(at + 1))) {
                if (CLAUSE_START.matcher(clause).find()) {
                    return at;
                }
            }
        }
        return -1;
    }

    /** The ';'-separated clauses of a comment; a ';' inside a quoted message does not separate. */
    public static List<String> clauses(String comment) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < comment.length(); i++) {
            char ch = comment.charAt(i);
            if (ch == '\\' && quoted && i + 1 < comment.length()) {
                current.append(ch).append(comment.charAt(++i));
                continue;
            }
            if (ch == '"') {
                quoted = !quoted;
            }
            if (ch == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        out.add(current.toString());
        return out;
    }

    /** {@code CODE ["message"] [@range]}, repeated. */
    private static List<Diag> diagClause(int line, String body, int at) {
        List<Diag> out = new ArrayList<>();
        int i = 0;
        while (true) {
            while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
                i++;
            }
            if (i >= body.length()) {
                return out;
            }
            Matcher code = CODE.matcher(body).region(i, body.length());
            if (!code.lookingAt()) {
                throw new IllegalArgumentException("line " + (at + 1) + ": expected a code at '" + body.substring(i)
                        + "'");
            }
            i = code.end();
            String message = null;
            Range range = null;
            while (i < body.length() && body.charAt(i) == ' ') {
                i++;
            }
            if (i < body.length() && body.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (j < body.length() && body.charAt(j) != '"') {
                    if (body.charAt(j) == '\\' && j + 1 < body.length()) {
                        j++;
                    }
                    sb.append(body.charAt(j++));
                }
                if (j >= body.length()) {
                    throw new IllegalArgumentException("line " + (at + 1) + ": unterminated message");
                }
                message = sb.toString();
                i = j + 1;
            }
            while (i < body.length() && body.charAt(i) == ' ') {
                i++;
            }
            Matcher r = RANGE.matcher(body).region(i, body.length());
            if (r.lookingAt()) {
                range = new Range(Integer.parseInt(r.group(1)), r.group(2) == null ? 0 : Integer.parseInt(r.group(2)),
                        Integer.parseInt(r.group(3)));
                i = r.end();
            }
            out.add(new Diag(line, code.group(), message, range, false));
        }
    }

    static String quote(String message) {
        return "\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
