package dev.memlens.syntax.ast;

/** PEP 695 type parameters ({@code [T: int, *Ts, **P]}); defaults are PEP 696 (3.13). */
public sealed interface TypeParam extends Node {

    Identifier name();

    record TypeVar(Span span, Identifier name, /* nullable */ Expr bound, /* nullable */ Expr defaultValue)
            implements TypeParam {}

    record ParamSpec(Span span, Identifier name, /* nullable */ Expr defaultValue) implements TypeParam {}

    record TypeVarTuple(Span span, Identifier name, /* nullable */ Expr defaultValue) implements TypeParam {}
}
