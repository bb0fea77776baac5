package dev.memlens.syntax.ast;

import java.util.List;

public record MatchCase(Pattern pattern, /* nullable */ Expr guard, List<Stmt> body) {}
