package dev.memlens.rules.support;

import dev.memlens.syntax.ast.Expr;

/**
 * The object facts rules need, as a minimal interface the abstract interpreter can implement. Everything here is a
 * MUST fact: it holds on every execution, else the answer is "unknown" (null). The syntactic implementation
 * ({@link SyntacticObjectFacts}) answers only what single assignments and displays make certain.
 */
public interface ObjectFacts {

    /**
     * The object an expression must evaluate to: the allocation site (a display, comprehension or constructor
     * call) and its kind, with the binding that made a name refer to it (null when e is the site itself).
     */
    record Allocation(Expr site, ObjectKind kind, Scopes.Binding via) {
        public boolean mutable() {
            return kind.mutable();
        }
    }

    /** The allocation e must refer to when evaluated where it stands, or null when unknown. */
    Allocation mustPointTo(Expr e);

    /** True when the load refers to the builtin of that name (nothing in the file binds it). */
    boolean refersToBuiltin(Expr.Name load);

    /** True when the load refers to {@code import module} and nothing else. */
    boolean isModule(Expr.Name load, String module);

    /** The only binding of the name the load resolves to, when there is exactly one and it precedes the load. */
    Scopes.Binding soleBinding(Expr.Name load);

    /** The scope a load resolves to (null for builtins). */
    Scopes.Scope resolvingScope(Expr.Name load);
}
