package dev.memlens.syntax.ast;

import java.util.List;

/**
 * Expressions, one record per CPython {@code ast.expr} kind. CPython's List/Tuple/Set/Dict are named
 * {@code ListDisplay} etc. here so they do not clash with java.util. Nullable components are marked.
 */
public sealed interface Expr extends Node {

    record BoolOp(Span span, BoolOperator op, List<Expr> values) implements Expr {}

    record NamedExpr(Span span, Name target, Expr value) implements Expr {}

    record BinOp(Span span, Expr left, Operator op, Expr right) implements Expr {}

    record UnaryOp(Span span, UnaryOperator op, Expr operand) implements Expr {}

    record Lambda(Span span, Arguments args, Expr body) implements Expr {}

    record IfExp(Span span, Expr test, Expr body, Expr orelse) implements Expr {}

    /** {@code keys} has a null entry for each {@code **mapping} unpacking, as in CPython. */
    record DictDisplay(Span span, List<Expr> keys, List<Expr> values) implements Expr {}

    record SetDisplay(Span span, List<Expr> elts) implements Expr {}

    record ListComp(Span span, Expr elt, List<Comprehension> generators) implements Expr {}

    record SetComp(Span span, Expr elt, List<Comprehension> generators) implements Expr {}

    /** {@code value} is null for {@code {**d for d in ds}} (3.15, PEP 798): {@code key} is then the mapping. */
    record DictComp(Span span, Expr key, /* nullable */ Expr value, List<Comprehension> generators) implements Expr {}

    record GeneratorExp(Span span, Expr elt, List<Comprehension> generators) implements Expr {}

    record Await(Span span, Expr value) implements Expr {}

    record Yield(Span span, /* nullable */ Expr value) implements Expr {}

    record YieldFrom(Span span, Expr value) implements Expr {}

    record Compare(Span span, Expr left, List<CmpOperator> ops, List<Expr> comparators) implements Expr {}

    /** Positional arguments (including {@code *args} as Starred) and keywords (including {@code **kw}). */
    record Call(Span span, Expr func, List<Expr> args, List<Keyword> keywords) implements Expr {}

    /** A replacement field of an f-string; conversion is -1, 's', 'r' or 'a'. */
    record FormattedValue(Span span, Expr value, int conversion, /* nullable */ JoinedStr formatSpec)
            implements Expr {}

    /** An f-string (or an implicit concatenation containing one): Constant(STR) and FormattedValue parts. */
    record JoinedStr(Span span, List<Expr> values) implements Expr {}

    /**
     * A replacement field of a t-string (3.14, PEP 750): {@code str} is the expression's source text; conversion as
     * in {@link FormattedValue}. Evaluating the t-string keeps the value itself (it is not formatted).
     */
    record Interpolation(Span span, Expr value, String str, int conversion, /* nullable */ JoinedStr formatSpec)
            implements Expr {}

    /**
     * A t-string (3.14, PEP 750), or an implicit concatenation of them: Constant(STR) and Interpolation parts. It
     * evaluates to a new {@code string.templatelib.Template} object each time.
     */
    record TemplateStr(Span span, List<Expr> values) implements Expr {}

    /**
     * A literal. {@code raw} is its source text: for strings and bytes every concatenated piece with prefixes and
     * quotes (decode with {@link dev.memlens.syntax.Literals}); for f-string parts the literal text between fields.
     */
    record Constant(Span span, ConstantKind kind, String raw) implements Expr {}

    record Attribute(Span span, Expr value, Identifier attr, Ctx ctx) implements Expr {}

    record Subscript(Span span, Expr value, Expr slice, Ctx ctx) implements Expr {}

    record Starred(Span span, Expr value, Ctx ctx) implements Expr {}

    record Name(Span span, String id, Ctx ctx) implements Expr {}

    record ListDisplay(Span span, List<Expr> elts, Ctx ctx) implements Expr {}

    record TupleDisplay(Span span, List<Expr> elts, Ctx ctx) implements Expr {}

    record Slice(Span span, /* nullable */ Expr lower, /* nullable */ Expr upper, /* nullable */ Expr step)
            implements Expr {}

    /** An expression that did not parse; the parse errors say why. Never produced for valid code. */
    record Invalid(Span span) implements Expr {}
}
