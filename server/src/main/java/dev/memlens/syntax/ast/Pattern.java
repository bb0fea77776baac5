package dev.memlens.syntax.ast;

import java.util.List;

/** {@code match} patterns, one record per CPython {@code ast.pattern} kind. */
public sealed interface Pattern extends Node {

    record MatchValue(Span span, Expr value) implements Pattern {}

    /** {@code None}, {@code True} or {@code False}. */
    record MatchSingleton(Span span, ConstantKind value) implements Pattern {}

    record MatchSequence(Span span, List<Pattern> patterns) implements Pattern {}

    record MatchMapping(Span span, List<Expr> keys, List<Pattern> patterns, /* nullable */ Identifier rest)
            implements Pattern {}

    record MatchClass(Span span, Expr cls, List<Pattern> patterns, List<Identifier> kwdAttrs,
                      List<Pattern> kwdPatterns) implements Pattern {}

    /** {@code *name}, or {@code *_} with a null name. */
    record MatchStar(Span span, /* nullable */ Identifier name) implements Pattern {}

    /** {@code p as name}, a capture {@code name} (null pattern), or the wildcard {@code _} (both null). */
    record MatchAs(Span span, /* nullable */ Pattern pattern, /* nullable */ Identifier name) implements Pattern {}

    record MatchOr(Span span, List<Pattern> patterns) implements Pattern {}
}
