package dev.memlens.syntax;

import java.util.Arrays;

/**
 * The one place where offsets become lines and columns and back. Offsets are UTF-16 indices into the text (what the
 * AST stores); columns are counted in the unit a client negotiated: UTF-16 code units (LSP's default), UTF-8 bytes
 * (CPython's {@code col_offset}, LSP {@code utf-8}) or code points (LSP {@code utf-32}). Lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}, as in Python. Out-of-range input is clamped, never an exception.
 */
public final class LineMap {

    public enum Encoding { UTF8, UTF16, UTF32 }

    /** A 0-based line and a column in some {@link Encoding}. */
    public record Position(int line, int column) {
    }

    private final String text;
    private final int[] lineStarts;

    public LineMap(String text) {
        this.text = text;
        int[] starts = new int[16];
        int count = 1;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** 0-based line of an offset (clamped to the text). */
    public int line(int offset) {
        int o = clampOffset(offset);
        int i = Arrays.binarySearch(lineStarts, o);
        return i >= 0 ? i : -i - 2;
    }

    public int lineStart(int line) {
        return lineStarts[Math.max(0, Math.min(line, lineStarts.length - 1))];
    }

    /** End of a line's content, before its line break. */
    public int lineEnd(int line) {
        if (line + 1 >= lineStarts.length) {
            return text.length();
        }
        int end = lineStarts[line + 1];
        if (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > lineStarts[line] && text.charAt(end - 1) == '\r') {
            end--;
        }
        return end;
    }

    public Position position(int offset, Encoding encoding) {
        int o = clampOffset(offset);
        int line = line(o);
        return new Position(line, width(lineStart(line), o, encoding));
    }

    /** LSP's default: UTF-16 columns. */
    public Position position(int offset) {
        return position(offset, Encoding.UTF16);
    }

    /**
     * The offset of a line and column. A column past the end of its line clamps to the line end, a line past the
     * end of the text to the end of the text, a column inside a surrogate pair or a UTF-8 sequence to its start.
     */
    public int offset(int line, int column, Encoding encoding) {
        if (line < 0) {
            return 0;
        }
        if (line >= lineStarts.length) {
            return text.length();
        }
        int i = lineStarts[line];
        int end = lineEnd(line);
        int remaining = Math.max(0, column);
        while (i < end) {
            int cp = text.codePointAt(i);
            int units = unitsOf(cp, encoding);
            if (units > remaining) {
                break;
            }
            remaining -= units;
            i += Character.charCount(cp);
        }
        return Math.min(i, end);
    }

    public int offset(int line, int column) {
        return offset(line, column, Encoding.UTF16);
    }

    private int width(int from, int to, Encoding encoding) {
        if (encoding == Encoding.UTF16) {
            return to - from;
        }
        int w = 0;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            w += unitsOf(cp, encoding);
            i += Character.charCount(cp);
        }
        return w;
    }

    private static int unitsOf(int cp, Encoding encoding) {
        return switch (encoding) {
            case UTF16 -> Character.charCount(cp);
            case UTF32 -> 1;
            case UTF8 -> cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        };
    }

    private int clampOffset(int offset) {
        return Math.max(0, Math.min(offset, text.length()));
    }
}
