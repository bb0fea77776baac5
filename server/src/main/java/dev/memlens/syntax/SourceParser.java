package dev.memlens.syntax;

import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Span;

import java.util.List;

/** Entry point of the syntax layer: text in, AST and errors out. Never throws. */
public final class SourceParser {
    private SourceParser() {
    }

    public static ParseResult parse(SourceText source) {
        // placeholder until the grammar lands
        return new ParseResult(source, new Module(new Span(0, source.text().length()), List.of()), List.of());
    }

    /** Parses the bytes of a file, decoded as CPython would ({@link SourceDecoder}); a decoding error is a syntax error. */
    public static ParseResult parse(String name, byte[] bytes) {
        SourceDecoder.Decoded decoded = SourceDecoder.decode(bytes);
        SourceText source = new SourceText(name, decoded.text());
        if (decoded.error() != null) {
            return new ParseResult(source, new Module(new Span(0, source.text().length()), List.of()),
                    List.of(decoded.error()));
        }
        return parse(source);
    }
}
