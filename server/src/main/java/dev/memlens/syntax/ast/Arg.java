package dev.memlens.syntax.ast;

/** One parameter. */
public record Arg(Span span, String name, /* nullable */ Expr annotation) implements Node {}
