package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

/**
 * A range in some document.
 *
 * @param uri the document, or null for the document the location was produced for
 */
public record SourceLocation(/* nullable */ String uri, Span span) {

    public static SourceLocation here(Span span) {
        return new SourceLocation(null, span);
    }
}
