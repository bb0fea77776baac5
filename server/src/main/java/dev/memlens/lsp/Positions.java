package dev.memlens.lsp;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * LSP positions of one text in the negotiated encoding, both ways, through {@link LineMap}. Anything out of range
 * is clamped: a request past the end of the file asks about the end of the file.
 */
final class Positions {

    private final LineMap lines;
    private final LineMap.Encoding encoding;

    Positions(LineMap lines, LineMap.Encoding encoding) {
        this.lines = lines;
        this.encoding = encoding;
    }

    Position position(int offset) {
        LineMap.Position p = lines.position(offset, encoding);
        return new Position(p.line(), p.column());
    }

    Range range(Span span) {
        return new Range(position(span.start()), position(span.end()));
    }

    int offset(Position position) {
        if (position == null) {
            return 0;
        }
        return lines.offset(position.getLine(), position.getCharacter(), encoding);
    }

    /** The span of a range; a reversed range is read the right way round, a missing one is the whole text. */
    Span span(Range range) {
        if (range == null) {
            return new Span(0, lines.offset(Integer.MAX_VALUE, 0, encoding));
        }
        int a = offset(range.getStart());
        int b = range.getEnd() == null ? a : offset(range.getEnd());
        return new Span(Math.min(a, b), Math.max(a, b));
    }
}
