package dev.memlens.syntax;

import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;

import java.io.ByteArrayOutputStream;

/**
 * Values of string and bytes literals from the raw source text that {@link Expr.Constant} keeps: every piece of an
 * implicit concatenation with its prefix and quotes (whitespace, comments and line continuations between pieces
 * are skipped), escape sequences decoded unless the piece is raw.
 */
public final class Literals {
    private Literals() {
    }

    /** The value of a STR constant; for an f-string literal part (raw text between fields) use {@link #fStringPart}. */
    public static String stringValue(Expr.Constant c) {
        if (c.kind() != ConstantKind.STR) {
            throw new IllegalArgumentException("not a str constant: " + c.kind());
        }
        StringBuilder out = new StringBuilder();
        forEachPiece(c.raw(), (body, isRaw) -> out.append(isRaw ? body : unescape(body, false)));
        return out.toString();
    }

    /** The value of a BYTES constant. */
    public static byte[] bytesValue(Expr.Constant c) {
        if (c.kind() != ConstantKind.BYTES) {
            throw new IllegalArgumentException("not a bytes constant: " + c.kind());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        forEachPiece(c.raw(), (body, isRaw) -> {
            String decoded = isRaw ? body : unescape(body, true);
            for (int k = 0; k < decoded.length(); k++) {
                out.write(decoded.charAt(k) & 0xff);
            }
        });
        return out.toByteArray();
    }

    /** The value of the literal text of an f-string part: escapes decoded (unless raw) and doubled braces undone. */
    public static String fStringPart(String rawText, boolean isRaw) {
        String s = rawText.replace("{{", "{").replace("}}", "}");
        return isRaw ? s : unescape(s, false);
    }

    /**
     * Calls {@code piece} with the body (between the quotes) of each piece of an implicitly concatenated literal and
     * whether that piece is raw.
     */
    private static void forEachPiece(String raw, java.util.function.BiConsumer<String, Boolean> piece) {
        int i = 0;
        while ((i = skipBetweenPieces(raw, i)) < raw.length()) {
            int q = i;
            boolean isRaw = false;
            while (raw.charAt(q) != '\'' && raw.charAt(q) != '"') {
                isRaw |= raw.charAt(q) == 'r' || raw.charAt(q) == 'R';
                q++;
            }
            char quote = raw.charAt(q);
            int quotes = raw.startsWith(String.valueOf(quote).repeat(3), q) ? 3 : 1;
            int bodyStart = q + quotes;
            int bodyEnd = bodyEnd(raw, bodyStart, quote, quotes);
            piece.accept(raw.substring(bodyStart, bodyEnd), isRaw);
            i = bodyEnd + quotes;
        }
    }

    private static int skipBetweenPieces(String raw, int i) {
        while (i < raw.length()) {
            char ch = raw.charAt(i);
            if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\r' || ch == '\n') {
                i++;
            } else if (ch == '\\' && i + 1 < raw.length() && (raw.charAt(i + 1) == '\n' || raw.charAt(i + 1) == '\r')) {
                i += 2;
            } else if (ch == '#') {
                while (i < raw.length() && raw.charAt(i) != '\n' && raw.charAt(i) != '\r') {
                    i++;
                }
            } else {
                break;
            }
        }
        return i;
    }

    private static int bodyEnd(String raw, int i, char quote, int quotes) {
        while (i < raw.length()) {
            char ch = raw.charAt(i);
            if (ch == '\\') {
                i += 2;
            } else if (ch == quote && (quotes == 1 || raw.startsWith(String.valueOf(quote).repeat(3), i))) {
                return i;
            } else {
                i++;
            }
        }
        return raw.length();
    }

    private static String unescape(String s, boolean bytes) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '\\' || i + 1 >= s.length()) {
                out.append(ch);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\n' -> {
                }
                case '\r' -> {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = 0;
                    int k = i;
                    while (k < s.length() && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
                        v = v * 8 + (s.charAt(k) - '0');
                        k++;
                    }
                    out.appendCodePoint(bytes ? v & 0xff : v);
                    i = k - 1;
                }
                case 'x' -> i = hex(s, i, 2, out);
                case 'u', 'U' -> {
                    if (bytes) {
                        out.append('\\').append(e);
                    } else {
                        i = hex(s, i, e == 'u' ? 4 : 8, out);
                    }
                }
                case 'N' -> {
                    int close = s.indexOf('}', i);
                    if (!bytes && i + 1 < s.length() && s.charAt(i + 1) == '{' && close > 0) {
                        int cp = -1;
                        try {
                            cp = Character.codePointOf(s.substring(i + 2, close));
                        } catch (IllegalArgumentException ex) {
                            // unknown names are a syntax error in CPython; keep the text
                        }
                        if (cp >= 0) {
                            out.appendCodePoint(cp);
                            i = close;
                        } else {
                            out.append('\\').append(e);
                        }
                    } else {
                        out.append('\\').append(e);
                    }
                }
                default -> out.append('\\').append(e);
            }
        }
        return out.toString();
    }

    /** Decodes {@code digits} hex digits after the escape letter at {@code i}; returns the index of the last one. */
    private static int hex(String s, int i, int digits, StringBuilder out) {
        if (i + digits > s.length() - 1) {
            out.append('\\').append(s.charAt(i));
            return i;
        }
        try {
            int v = Integer.parseInt(s.substring(i + 1, i + 1 + digits), 16);
            out.appendCodePoint(v);
            return i + digits;
        } catch (RuntimeException ex) {
            out.append('\\').append(s.charAt(i));
            return i;
        }
    }
}
