package dev.memlens.features;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceText;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;

import java.util.List;

/**
 * Everything known about one version of one document, complete and immutable: features read it, never a half-done
 * one. Today it holds the parse; the interpreter's facts and the rules' findings become further components here
 * (and get computed in {@link DocumentAnalyzer}), so a feature sees them all at once.
 *
 * @param version the client's version of the text (0 for files read from disk)
 * @param lines   line map of exactly this text, for converting offsets
 */
public record DocumentAnalysis(SourceText source, int version, LineMap lines, ParseResult parse) {

    public String text() {
        return source.text();
    }

    /** What to use when analysis itself failed: the text is known, nothing else is. */
    public static DocumentAnalysis empty(SourceText source, int version) {
        ParseResult nothing = new ParseResult(source, new Module(Span.EMPTY, List.of()), List.of());
        return new DocumentAnalysis(source, version, new LineMap(source.text()), nothing);
    }
}
