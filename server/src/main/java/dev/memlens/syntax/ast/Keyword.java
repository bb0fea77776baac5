package dev.memlens.syntax.ast;

/** {@code name=value} in a call or class bases; {@code arg} is null for {@code **mapping}. */
public record Keyword(Span span, /* nullable */ Identifier arg, Expr value) implements Node {}
