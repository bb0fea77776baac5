package dev.memlens.syntax;

import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.List;

/**
 * What both AST builders ({@link AstBuilder}, {@link DescentParser}) read from the text of string tokens: the bytes
 * prefix, the escape sequences CPython rejects, and the parts of an f-string or t-string with adjacent literal text
 * merged. Offsets are UTF-16 indices into the whole source text.
 */
final class StringPieces {
    private StringPieces() {
    }

    /** Whether the string token starting at {@code at} has a b prefix (read in place: no copy). */
    static boolean isBytes(String text, int at) {
        char c0 = text.charAt(at);
        char c1 = at + 1 < text.length() ? text.charAt(at + 1) : ' ';
        return c0 == 'b' || c0 == 'B' || ((c0 == 'r' || c0 == 'R') && (c1 == 'b' || c1 == 'B'));
    }

    static boolean hasBackslash(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    /**
     * CPython's message for the first bad escape of the string token at [start, end), or null ({@link Escapes});
     * {@code closed}: the token ends with its closing quotes.
     */
    static String escapeError(String text, int start, int end, boolean closed) {
        if (!hasBackslash(text, start, end)) {
            return null;
        }
        int q = start;
        boolean raw = false;
        while (text.charAt(q) != '\'' && text.charAt(q) != '"') {
            raw |= text.charAt(q) == 'r' || text.charAt(q) == 'R';
            q++;
        }
        if (raw) {
            return null;
        }
        int quotes = text.startsWith("\"\"\"", q) || text.startsWith("'''", q) ? 3 : 1;
        String body = text.substring(q + quotes, Math.max(q + quotes, closed ? end - quotes : end));
        return isBytes(text, start) ? Escapes.checkBytes(body) : Escapes.checkStr(body);
    }

    /** Whether a STRING token's text has a character outside ASCII (an error in a bytes literal). */
    static boolean hasNonAscii(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Adds the body of the STRING token at [start, end) (between its quotes, if any text) as literal text. */
    static void addStringBody(String text, int start, int end, Joined parts) {
        int q = start;
        while (text.charAt(q) != '\'' && text.charAt(q) != '"') {
            q++;
        }
        int quotes = text.startsWith("'''", q) || text.startsWith("\"\"\"", q) ? 3 : 1;
        int bodyStart = q + quotes;
        int bodyEnd = end - quotes;
        if (bodyEnd > bodyStart) {
            parts.literal(bodyStart, bodyEnd);
        }
    }

    /** Collects the parts of a JoinedStr, merging adjacent literal text into one Constant as CPython does. */
    static final class Joined {
        private final String text;
        private final List<Expr> values = new ArrayList<>();
        private final StringBuilder raw = new StringBuilder();
        private int litStart = -1;
        private int litEnd = -1;

        Joined(String text) {
            this.text = text;
        }

        void literal(int start, int end) {
            if (litStart < 0) {
                litStart = start;
            }
            litEnd = end;
            raw.append(text, start, end);
        }

        void value(Expr e) {
            flush();
            values.add(e);
        }

        private void flush() {
            if (litStart >= 0) {
                values.add(new Expr.Constant(new Span(litStart, litEnd), ConstantKind.STR, raw.toString()));
                raw.setLength(0);
                litStart = -1;
            }
        }

        List<Expr> finish() {
            flush();
            return values;
        }
    }
}
