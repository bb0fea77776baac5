package dev.memlens.semantics;

import dev.memlens.syntax.ast.Node;

/**
 * One place that binds a name. {@code site} is the node that does it: the {@code Expr.Name} target for every
 * assignment form, walrus, for/with target, comprehension target and {@code del}; the FunctionDef/ClassDef/TypeAlias;
 * the import Alias; the ExceptHandler; the Pattern (MatchAs, MatchStar, MatchMapping); the Arg; the TypeParam.
 */
public record Binding(Node site, BindingKind kind) {
}
