package dev.memlens.semantics;

import dev.memlens.syntax.ast.Node;

/**
 * What one occurrence of a name refers to. {@code symbol} is the entry in the scope where the name is written;
 * {@code target}/{@code targetSymbol} is where the variable lives: the same for locals, the enclosing function's
 * cell for free variables, the module for globals. {@code targetSymbol} is null when the target scope has no entry
 * for the name (a global bound only through {@code global} elsewhere, a builtin, an unresolved name, {@code __class__}).
 */
public record Resolution(Node node, String name, Scope scope, Symbol symbol, ResolutionKind kind,
                         /* nullable */ Scope target, /* nullable */ Symbol targetSymbol, boolean isBinding) {
}
