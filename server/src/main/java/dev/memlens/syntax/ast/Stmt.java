package dev.memlens.syntax.ast;

import java.util.List;

/**
 * Statements, one record per CPython {@code ast.stmt} kind. Nullable components are marked; lists are never null.
 * {@code async def/for/with} share the record of their plain form with {@code isAsync = true}; {@code try/except*}
 * shares {@link Try} with {@code isStar = true}. A function's or class's span starts at {@code def}/{@code class}
 * (or {@code async}), not at its decorators, as in CPython.
 */
public sealed interface Stmt extends Node {

    record FunctionDef(Span span, Identifier name, List<TypeParam> typeParams, Arguments args, List<Stmt> body,
                       List<Expr> decorators, /* nullable */ Expr returns, boolean isAsync) implements Stmt {}

    record ClassDef(Span span, Identifier name, List<TypeParam> typeParams, List<Expr> bases,
                    List<Keyword> keywords, List<Stmt> body, List<Expr> decorators) implements Stmt {}

    record Return(Span span, /* nullable */ Expr value) implements Stmt {}

    record Delete(Span span, List<Expr> targets) implements Stmt {}

    /** {@code a = b = value}: targets in source order. */
    record Assign(Span span, List<Expr> targets, Expr value) implements Stmt {}

    /** PEP 695 {@code type X[T] = ...}. */
    record TypeAlias(Span span, Expr.Name name, List<TypeParam> typeParams, Expr value) implements Stmt {}

    record AugAssign(Span span, Expr target, Operator op, Expr value) implements Stmt {}

    /** {@code simple} is true for a bare name target not in parentheses, as in CPython. */
    record AnnAssign(Span span, Expr target, Expr annotation, /* nullable */ Expr value, boolean simple)
            implements Stmt {}

    record For(Span span, Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, boolean isAsync)
            implements Stmt {}

    record While(Span span, Expr test, List<Stmt> body, List<Stmt> orelse) implements Stmt {}

    /** {@code elif} is an If inside orelse, as in CPython. */
    record If(Span span, Expr test, List<Stmt> body, List<Stmt> orelse) implements Stmt {}

    record With(Span span, List<WithItem> items, List<Stmt> body, boolean isAsync) implements Stmt {}

    record Match(Span span, Expr subject, List<MatchCase> cases) implements Stmt {}

    record Raise(Span span, /* nullable */ Expr exc, /* nullable */ Expr cause) implements Stmt {}

    record Try(Span span, List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody,
               boolean isStar) implements Stmt {}

    record Assert(Span span, Expr test, /* nullable */ Expr msg) implements Stmt {}

    /** {@code isLazy}: {@code lazy import a} (3.15, PEP 810); it binds its names as any import does. */
    record Import(Span span, List<Alias> names, boolean isLazy) implements Stmt {
        public Import(Span span, List<Alias> names) {
            this(span, names, false);
        }
    }

    /**
     * {@code module} is null for {@code from . import x}; {@code level} counts the leading dots; {@code isLazy}:
     * {@code lazy from a import b} (3.15, PEP 810).
     */
    record ImportFrom(Span span, /* nullable */ Identifier module, List<Alias> names, int level, boolean isLazy)
            implements Stmt {
        public ImportFrom(Span span, Identifier module, List<Alias> names, int level) {
            this(span, module, names, level, false);
        }
    }

    record Global(Span span, List<Identifier> names) implements Stmt {}

    record Nonlocal(Span span, List<Identifier> names) implements Stmt {}

    /** An expression used as a statement (CPython's {@code Expr}). */
    record Expression(Span span, Expr value) implements Stmt {}

    record Pass(Span span) implements Stmt {}

    record Break(Span span) implements Stmt {}

    record Continue(Span span) implements Stmt {}

    /** Source that did not parse as a statement; the parse errors say why. Never produced for valid code. */
    record Invalid(Span span) implements Stmt {}
}
