package dev.memlens.syntax.ast;

/** A name written in the source where CPython keeps a bare string (def/class names, attributes, aliases). */
public record Identifier(Span span, String name) implements Node {
}
