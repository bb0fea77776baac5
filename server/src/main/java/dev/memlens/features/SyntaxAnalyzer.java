package dev.memlens.features;

import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.SourceParser;
import dev.memlens.syntax.SourceText;

/** Parse only: what can be analyzed until scopes and the interpreter land. */
public final class SyntaxAnalyzer implements DocumentAnalyzer {

    @Override
    public DocumentAnalysis analyze(SourceText source, int version, Cancellation cancel) {
        cancel.check();
        LineMap lines = new LineMap(source.text());
        ParseResult parse = SourceParser.parse(source);
        cancel.check();
        return new DocumentAnalysis(source, version, lines, parse);
    }
}
