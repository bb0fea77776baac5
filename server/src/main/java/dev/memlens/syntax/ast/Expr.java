package dev.memlens.syntax.ast;

import java.util.List;

/**
 * Expressions, one record per CPython {@code ast.expr} kind. CPython's List/Tuple/Set/Dict are named
 * {@code ListDisplay} etc. here so they do not clash with java.util. Nullable components are marked.
 */
public sealed interface Expr extends Node {

    /** Dispatches on the node kind; a new kind of node does not compile until every visitor handles it. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of Expr: implement it instead of an instanceof chain, so no kind is forgotten. */
    interface Visitor<R> {
        R visitBoolOp(BoolOp node);

        R visitNamedExpr(NamedExpr node);

        R visitBinOp(BinOp node);

        R visitUnaryOp(UnaryOp node);

        R visitLambda(Lambda node);

        R visitIfExp(IfExp node);

        R visitDictDisplay(DictDisplay node);

        R visitSetDisplay(SetDisplay node);

        R visitListComp(ListComp node);

        R visitSetComp(SetComp node);

        R visitDictComp(DictComp node);

        R visitGeneratorExp(GeneratorExp node);

        R visitAwait(Await node);

        R visitYield(Yield node);

        R visitYieldFrom(YieldFrom node);

        R visitCompare(Compare node);

        R visitCall(Call node);

        R visitFormattedValue(FormattedValue node);

        R visitJoinedStr(JoinedStr node);

        R visitInterpolation(Interpolation node);

        R visitTemplateStr(TemplateStr node);

        R visitConstant(Constant node);

        R visitAttribute(Attribute node);

        R visitSubscript(Subscript node);

        R visitStarred(Starred node);

        R visitName(Name node);

        R visitListDisplay(ListDisplay node);

        R visitTupleDisplay(TupleDisplay node);

        R visitSlice(Slice node);

        R visitInvalid(Invalid node);
    }

    record BoolOp(Span span, BoolOperator op, List<Expr> values) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBoolOp(this);
        }
    }

    record NamedExpr(Span span, Name target, Expr value) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitNamedExpr(this);
        }
    }

    record BinOp(Span span, Expr left, Operator op, Expr right) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBinOp(this);
        }
    }

    record UnaryOp(Span span, UnaryOperator op, Expr operand) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitUnaryOp(this);
        }
    }

    record Lambda(Span span, Arguments args, Expr body) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLambda(this);
        }
    }

    record IfExp(Span span, Expr test, Expr body, Expr orelse) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitIfExp(this);
        }
    }

    /** {@code keys} has a null entry for each {@code **mapping} unpacking, as in CPython. */
    record DictDisplay(Span span, List<Expr> keys, List<Expr> values) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDictDisplay(this);
        }
    }

    record SetDisplay(Span span, List<Expr> elts) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSetDisplay(this);
        }
    }

    record ListComp(Span span, Expr elt, List<Comprehension> generators) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitListComp(this);
        }
    }

    record SetComp(Span span, Expr elt, List<Comprehension> generators) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSetComp(this);
        }
    }

    /** {@code value} is null for {@code {**d for d in ds}} (3.15, PEP 798): {@code key} is then the mapping. */
    record DictComp(Span span, Expr key, /* nullable */ Expr value, List<Comprehension> generators) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDictComp(this);
        }
    }

    record GeneratorExp(Span span, Expr elt, List<Comprehension> generators) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitGeneratorExp(this);
        }
    }

    record Await(Span span, Expr value) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAwait(this);
        }
    }

    record Yield(Span span, /* nullable */ Expr value) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitYield(this);
        }
    }

    record YieldFrom(Span span, Expr value) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitYieldFrom(this);
        }
    }

    record Compare(Span span, Expr left, List<CmpOperator> ops, List<Expr> comparators) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCompare(this);
        }
    }

    /** Positional arguments (including {@code *args} as Starred) and keywords (including {@code **kw}). */
    record Call(Span span, Expr func, List<Expr> args, List<Keyword> keywords) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    /** A replacement field of an f-string; conversion is -1, 's', 'r' or 'a'. */
    record FormattedValue(Span span, Expr value, int conversion, /* nullable */ JoinedStr formatSpec)
            implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFormattedValue(this);
        }
    }

    /** An f-string (or an implicit concatenation containing one): Constant(STR) and FormattedValue parts. */
    record JoinedStr(Span span, List<Expr> values) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitJoinedStr(this);
        }
    }

    /**
     * A replacement field of a t-string (3.14, PEP 750): {@code str} is the expression's source text; conversion as
     * in {@link FormattedValue}. Evaluating the t-string keeps the value itself (it is not formatted).
     */
    record Interpolation(Span span, Expr value, String str, int conversion, /* nullable */ JoinedStr formatSpec)
            implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInterpolation(this);
        }
    }

    /**
     * A t-string (3.14, PEP 750), or an implicit concatenation of them: Constant(STR) and Interpolation parts. It
     * evaluates to a new {@code string.templatelib.Template} object each time.
     */
    record TemplateStr(Span span, List<Expr> values) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTemplateStr(this);
        }
    }

    /**
     * A literal. {@code raw} is its source text: for strings and bytes every concatenated piece with prefixes and
     * quotes (decode with {@link dev.memlens.syntax.Literals}); for f-string parts the literal text between fields.
     */
    record Constant(Span span, ConstantKind kind, String raw) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitConstant(this);
        }
    }

    record Attribute(Span span, Expr value, Identifier attr, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAttribute(this);
        }
    }

    record Subscript(Span span, Expr value, Expr slice, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSubscript(this);
        }
    }

    record Starred(Span span, Expr value, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitStarred(this);
        }
    }

    record Name(Span span, String id, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitName(this);
        }
    }

    record ListDisplay(Span span, List<Expr> elts, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitListDisplay(this);
        }
    }

    record TupleDisplay(Span span, List<Expr> elts, Ctx ctx) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTupleDisplay(this);
        }
    }

    record Slice(Span span, /* nullable */ Expr lower, /* nullable */ Expr upper, /* nullable */ Expr step)
            implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSlice(this);
        }
    }

    /** An expression that did not parse; the parse errors say why. Never produced for valid code. */
    record Invalid(Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInvalid(this);
        }
    }
}
