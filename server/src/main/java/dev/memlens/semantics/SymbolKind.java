package dev.memlens.semantics;

/**
 * Where a name used in a scope lives, as CPython's compiler decides it (symtable's scopes), plus BUILTIN.
 * A walrus target inside a comprehension is classified as CPython does: NONLOCAL in the comprehension when it
 * binds in an enclosing function, GLOBAL_EXPLICIT when it binds at module level.
 */
public enum SymbolKind {
    /** Bound in this scope and not captured by an inner scope (at module level: a module global). */
    LOCAL,
    /** Bound in this function and captured by an inner scope, so it lives in a cell. */
    CELL,
    /** Declared {@code global} in this scope. */
    GLOBAL_EXPLICIT,
    /** Used here, bound nowhere in the enclosing functions: looked up in the module, then the builtins. */
    GLOBAL_IMPLICIT,
    /** Declared {@code nonlocal}: binds the variable of an enclosing function. */
    NONLOCAL,
    /** Used here and bound in an enclosing function (a closure variable). */
    FREE,
    /** A GLOBAL_IMPLICIT name that nothing in the file binds at module level and that is a Python builtin. */
    BUILTIN;

    public boolean isGlobal() {
        return this == GLOBAL_EXPLICIT || this == GLOBAL_IMPLICIT || this == BUILTIN;
    }

    public boolean isFree() {
        return this == FREE || this == NONLOCAL;
    }

    public boolean isLocal() {
        return this == LOCAL || this == CELL;
    }
}
