package dev.memlens.semantics;

/** Where a use or binding of a name is looked up at run time. */
public enum ResolutionKind {
    /** A local (or cell) of the function-like scope the name appears in. */
    LOCAL,
    /** A class body's namespace: a name of the class scope, or one an annotation scope in the class sees. */
    CLASS,
    /** A variable of an enclosing function, reached through a cell. */
    ENCLOSING,
    /** The module namespace (including names bound at module level and via {@code global}). */
    GLOBAL,
    BUILTIN,
    /** Nothing in the file binds it and it is not a builtin: a NameError unless a star import provides it. */
    UNRESOLVED
}
