package dev.memlens.analysis;

import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import java.math.BigInteger;

/**
 * Values of literals, decoded from their source text, for identity rules (small-int cache, interning, constant
 * merging) and constant keys. A literal this class cannot decode yields null: the analysis then keeps it distinct
 * from every other literal, which only costs precision.
 */
final class Constants {
    private Constants() {
    }

    static BigInteger intValue(String raw) {
        if (plainDecimal(raw)) {
            return BigInteger.valueOf(Long.parseLong(raw)); // most literals: no copies of the text, no parsing loop
        }
        String s = raw.replace("_", "").toLowerCase();
        try {
            if (s.startsWith("0x")) {
                return new BigInteger(s.substring(2), 16);
            }
            if (s.startsWith("0o")) {
                return new BigInteger(s.substring(2), 8);
            }
            if (s.startsWith("0b")) {
                return new BigInteger(s.substring(2), 2);
            }
            return new BigInteger(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Digits only, without a leading zero (unless "0"), few enough for a long. */
    private static boolean plainDecimal(String raw) {
        int n = raw.length();
        if (n == 0 || n > 18 || n > 1 && raw.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static Double floatValue(String raw) {
        try {
            return Double.valueOf(raw.replace("_", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of a str literal (possibly implicitly concatenated), or null when unsure. */
    static String strValue(String raw) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c) || c == '\\' && i + 1 < n && (raw.charAt(i + 1) == '\n'
                    || raw.charAt(i + 1) == '\r')) {
                i++;
                continue;
            }
            if (c == '#') { // a comment between concatenated pieces in parentheses
                while (i < n && raw.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            int p = i;
            while (p < n && Character.isLetter(raw.charAt(p))) {
                p++;
            }
            String prefix = raw.substring(i, p).toLowerCase();
            if (p >= n || prefix.contains("f") || prefix.contains("b")) {
                return null;
            }
            boolean rawStr = prefix.contains("r");
            char q = raw.charAt(p);
            if (q != '\'' && q != '"') {
                return null;
            }
            boolean triple = raw.startsWith(String.valueOf(q).repeat(3), p);
            String close = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
            int j = p + close.length();
            while (true) {
                if (j >= n) {
                    return null;
                }
                char d = raw.charAt(j);
                if (d == '\\') {
                    if (j + 1 >= n) {
                        return null;
                    }
                    char e = raw.charAt(j + 1);
                    if (rawStr) {
                        out.append(d).append(e);
                        j += 2;
                        continue;
                    }
                    switch (e) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case '\\' -> out.append('\\');
                        case '\'' -> out.append('\'');
                        case '"' -> out.append('"');
                        case '0' -> out.append('\0');
                        case '\n' -> { }
                        default -> {
                            return null; // hex, unicode, named and octal escapes: not worth decoding here
                        }
                    }
                    j += 2;
                    continue;
                }
                if (raw.startsWith(close, j)) {
                    j += close.length();
                    break;
                }
                out.append(d);
                j++;
            }
            i = j;
        }
        return out.toString();
    }

    /** CPython interns string constants made only of ASCII letters, digits and underscores. */
    static boolean identifierLike(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** A hashable key for a constant's value, or null when it cannot be decoded; used for dict keys too. */
    static Object key(Expr.Constant c) {
        return switch (c.kind()) {
            case INT -> {
                BigInteger v = intValue(c.raw());
                yield v == null ? null : v.bitLength() < 63 ? (Object) v.longValue() : v;
            }
            case FLOAT -> {
                Double d = floatValue(c.raw());
                yield d == null ? null : d == Math.rint(d) && !Double.isInfinite(d) && d != 0.0
                        ? (Object) d.longValue() : d;
            }
            case STR -> strValue(c.raw());
            case TRUE -> 1L;
            case FALSE -> 0L;
            case NONE -> ConstantKind.NONE;
            default -> null;
        };
    }
}
