package dev.memlens.syntax.ast;

/** What kind of literal a {@link Expr.Constant} is. */
public enum ConstantKind { INT, FLOAT, COMPLEX, STR, BYTES, TRUE, FALSE, NONE, ELLIPSIS }
