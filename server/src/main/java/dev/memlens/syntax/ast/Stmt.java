package dev.memlens.syntax.ast;

import java.util.List;

/**
 * Statements, one record per CPython {@code ast.stmt} kind. Nullable components are marked; lists are never null.
 * {@code async def/for/with} share the record of their plain form with {@code isAsync = true}; {@code try/except*}
 * shares {@link Try} with {@code isStar = true}. A function's or class's span starts at {@code def}/{@code class}
 * (or {@code async}), not at its decorators, as in CPython.
 */
public sealed interface Stmt extends Node {

    /** Exhaustive dispatch over statement kinds: a new kind does not compile until every visitor handles it. */
    interface Visitor<R> {
        R visitFunctionDef(FunctionDef s);

        R visitClassDef(ClassDef s);

        R visitReturn(Return s);

        R visitDelete(Delete s);

        R visitAssign(Assign s);

        R visitTypeAlias(TypeAlias s);

        R visitAugAssign(AugAssign s);

        R visitAnnAssign(AnnAssign s);

        R visitFor(For s);

        R visitWhile(While s);

        R visitIf(If s);

        R visitWith(With s);

        R visitMatch(Match s);

        R visitRaise(Raise s);

        R visitTry(Try s);

        R visitAssert(Assert s);

        R visitImport(Import s);

        R visitImportFrom(ImportFrom s);

        R visitGlobal(Global s);

        R visitNonlocal(Nonlocal s);

        R visitExpression(Expression s);

        R visitPass(Pass s);

        R visitBreak(Break s);

        R visitContinue(Continue s);

        R visitInvalid(Invalid s);
    }

    /** Calls the visitor's method for this statement's kind. */
    <R> R accept(Visitor<R> v);

    record FunctionDef(Span span, Identifier name, List<TypeParam> typeParams, Arguments args, List<Stmt> body,
                       List<Expr> decorators, /* nullable */ Expr returns, boolean isAsync) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFunctionDef(this);
        }
    }

    record ClassDef(Span span, Identifier name, List<TypeParam> typeParams, List<Expr> bases,
                    List<Keyword> keywords, List<Stmt> body, List<Expr> decorators) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitClassDef(this);
        }
    }

    record Return(Span span, /* nullable */ Expr value) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitReturn(this);
        }
    }

    record Delete(Span span, List<Expr> targets) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDelete(this);
        }
    }

    /** {@code a = b = value}: targets in source order. */
    record Assign(Span span, List<Expr> targets, Expr value) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAssign(this);
        }
    }

    /** PEP 695 {@code type X[T] = ...}. */
    record TypeAlias(Span span, Expr.Name name, List<TypeParam> typeParams, Expr value) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTypeAlias(this);
        }
    }

    record AugAssign(Span span, Expr target, Operator op, Expr value) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAugAssign(this);
        }
    }

    /** {@code simple} is true for a bare name target not in parentheses, as in CPython. */
    record AnnAssign(Span span, Expr target, Expr annotation, /* nullable */ Expr value, boolean simple)
            implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAnnAssign(this);
        }
    }

    record For(Span span, Expr target, Expr iter, List<Stmt> body, List<Stmt> orelse, boolean isAsync)
            implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFor(this);
        }
    }

    record While(Span span, Expr test, List<Stmt> body, List<Stmt> orelse) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitWhile(this);
        }
    }

    /** {@code elif} is an If inside orelse, as in CPython. */
    record If(Span span, Expr test, List<Stmt> body, List<Stmt> orelse) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitIf(this);
        }
    }

    record With(Span span, List<WithItem> items, List<Stmt> body, boolean isAsync) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitWith(this);
        }
    }

    record Match(Span span, Expr subject, List<MatchCase> cases) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitMatch(this);
        }
    }

    record Raise(Span span, /* nullable */ Expr exc, /* nullable */ Expr cause) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitRaise(this);
        }
    }

    record Try(Span span, List<Stmt> body, List<ExceptHandler> handlers, List<Stmt> orelse, List<Stmt> finalbody,
               boolean isStar) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTry(this);
        }
    }

    record Assert(Span span, Expr test, /* nullable */ Expr msg) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAssert(this);
        }
    }

    /** {@code isLazy}: {@code lazy import a} (3.15, PEP 810); it binds its names as any import does. */
    record Import(Span span, List<Alias> names, boolean isLazy) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitImport(this);
        }

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
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitImportFrom(this);
        }

        public ImportFrom(Span span, Identifier module, List<Alias> names, int level) {
            this(span, module, names, level, false);
        }
    }

    record Global(Span span, List<Identifier> names) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitGlobal(this);
        }
    }

    record Nonlocal(Span span, List<Identifier> names) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitNonlocal(this);
        }
    }

    /** An expression used as a statement (CPython's {@code Expr}). */
    record Expression(Span span, Expr value) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitExpression(this);
        }
    }

    record Pass(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitPass(this);
        }
    }

    record Break(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBreak(this);
        }
    }

    record Continue(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitContinue(this);
        }
    }

    /** Source that did not parse as a statement; the parse errors say why. Never produced for valid code. */
    record Invalid(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInvalid(this);
        }
    }
}
