package dev.memlens.syntax;

import dev.memlens.syntax.ast.Span;

/** A syntax error, worded like CPython's, at a source range. */
public record ParseError(String message, Span span) {
}
