package dev.memlens.rules.support;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;

/**
 * The object facts rules need, as a minimal interface over the abstract interpreter. Everything here is a MUST fact:
 * it holds on every execution the analysis saw, else the answer is "unknown" (null / false), and unknown never
 * warns.
 */
public interface ObjectFacts {

    /** The name through which an expression reached an allocation, and the site that bound the name to it. */
    record Via(String name, Node site) {}

    /**
     * The object an expression must evaluate to: its allocation site (a display, comprehension or constructor
     * call) and kind, with the name that led there (null when e is the site itself). {@code singular}: it is the
     * most recent object made at the site (in each call context), never one of several made there earlier, so two
     * singular allocations with the same site are the same object.
     */
    record Allocation(Expr site, ObjectKind kind, Via via, boolean singular) {
        public boolean mutable() {
            return kind.mutable();
        }
    }

    /** The allocation e must refer to when evaluated where it stands, or null when unknown. */
    Allocation mustPointTo(Expr e);

    /** True when the load refers to the builtin of that name (nothing in the file binds it, no star import). */
    boolean refersToBuiltin(Expr.Name load);

    /** True when the load refers to {@code import module} and nothing else. */
    boolean isModule(Expr.Name load, String module);
}
