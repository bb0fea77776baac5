package dev.memlens.syntax.ast;

public record WithItem(Expr contextExpr, /* nullable */ Expr optionalVars) {}
