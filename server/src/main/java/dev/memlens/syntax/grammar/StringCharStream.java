package dev.memlens.syntax.grammar;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A {@link CharStream} straight over a String with no surrogate pairs, where code point indices and UTF-16 indices
 * coincide. {@code CharStreams.fromString} copies the text into a code point buffer first (a loop over every
 * character) and reads it back through a class per buffer width; this one reads the String itself, and the lexer's
 * hand-written scanning reads {@link #text()} directly.
 */
public final class StringCharStream implements CharStream {
    private final String text;
    private final String name;
    private final int n;
    private int p;

    /**
     * The caller has checked that the text has no surrogate pairs; with them, use {@code CharStreams.fromString}. A
     * lone surrogate is one char here and one code point there: the same stream.
     */
    public StringCharStream(String text, String name) {
        this.text = text;
        this.name = name;
        this.n = text.length();
    }

    /** The whole text; index {@code i} of the stream is {@code text().charAt(i)}. */
    public String text() {
        return text;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.min(interval.a, n);
        int stop = Math.min(interval.b, n - 1);
        return stop < start ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (p >= n) {
            throw new IllegalStateException("cannot consume EOF");
        }
        p++;
    }

    @Override
    public int LA(int i) {
        if (i > 0) {
            int at = p + i - 1;
            return at < n ? text.charAt(at) : EOF;
        }
        if (i == 0) {
            return 0;
        }
        int at = p + i;
        return at >= 0 ? text.charAt(at) : EOF;
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        p = Math.max(0, Math.min(index, n));
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public String getSourceName() {
        return name == null || name.isEmpty() ? UNKNOWN_SOURCE_NAME : name;
    }

    @Override
    public String toString() {
        return text;
    }
}
