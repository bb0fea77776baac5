package dev.memlens.syntax.ast;

/**
 * A half-open range {@code [start, end)} of UTF-16 offsets into the source text (Java string indices).
 * Offsets are what the AST keeps; {@link dev.memlens.syntax.LineMap} turns them into lines and columns.
 */
public record Span(int start, int end) {
    public static final Span EMPTY = new Span(0, 0);

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    public boolean contains(int offset) {
        return start <= offset && offset < end;
    }

    public boolean covers(Span other) {
        return start <= other.start && other.end <= end;
    }

    public int length() {
        return end - start;
    }

    public Span union(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }
}
