package dev.memlens.syntax.ast;

/** {@code import a.b as c}: name is the dotted name ("*" for a star import). */
public record Alias(Span span, String name, /* nullable */ Identifier asname) implements Node {}
