package dev.memlens.lsp;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * LSP positions of one text in the negotiated encoding, both ways, through {@link LineMap}. Anything out of range
 * is clamped: a request past the end of the file asks about the end of the file.
 *
 * <p>The client's document may be a window of the analyzed text (a notebook cell in the module of its notebook,
 * starting at the beginning of line {@code firstLine}): positions then count from the window's first line, and
 * offsets are clamped to the window.
 */
final class Positions {

    private final LineMap lines;
    private final LineMap.Encoding encoding;
    private final int firstLine;
    /** The part of the text the client's document is, or null for all of it. */
    private final Span window;

    Positions(LineMap lines, LineMap.Encoding encoding) {
        this(lines, encoding, 0, null);
    }

    /** Positions in the client document that is {@code window} of the text, starting at line {@code firstLine}. */
    Positions(LineMap lines, LineMap.Encoding encoding, int firstLine, Span window) {
        this.lines = lines;
        this.encoding = encoding;
        this.firstLine = firstLine;
        this.window = window;
    }

    Position position(int offset) {
        LineMap.Position p = lines.position(clamp(offset), encoding);
        return new Position(p.line() - firstLine, p.column());
    }

    Range range(Span span) {
        return new Range(position(span.start()), position(span.end()));
    }

    int offset(Position position) {
        if (position == null) {
            return window == null ? 0 : window.start();
        }
        if (window != null && position.getLine() < 0) {
            return window.start();
        }
        return clamp(lines.offset((int) Math.min(Integer.MAX_VALUE, (long) position.getLine() + firstLine), position.getCharacter(), encoding));
    }

    private int clamp(int offset) {
        return window == null ? offset : Math.max(window.start(), Math.min(window.end(), offset));
    }

    /** The span of a range; a reversed range is read the right way round, a missing one is the whole text. */
    Span span(Range range) {
        if (range == null) {
            return window != null ? window : new Span(0, lines.offset(Integer.MAX_VALUE, 0, encoding));
        }
        int a = offset(range.getStart());
        int b = range.getEnd() == null ? a : offset(range.getEnd());
        return new Span(Math.min(a, b), Math.max(a, b));
    }
}
