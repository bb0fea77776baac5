package dev.memlens.syntax.ast;

import java.util.List;

/** One {@code for target in iter if cond...} clause. */
public record Comprehension(Expr target, Expr iter, List<Expr> ifs, boolean isAsync) {}
