package dev.memlens.semantics;

/**
 * What kind of code body a scope is. The three {@code TYPE_*} kinds are PEP 695 annotation scopes: they behave like
 * functions for name resolution, and when written directly in a class body they can also see the class namespace.
 */
public enum ScopeKind {
    MODULE,
    CLASS,
    FUNCTION,
    LAMBDA,
    /** List, set and dict comprehensions and generator expressions; the first iterable is evaluated outside. */
    COMPREHENSION,
    /** {@code def f[T]}, {@code class C[T]}, {@code type X[T] = ...}: holds the type parameters. */
    TYPE_PARAMETERS,
    /** The lazily evaluated value of {@code type X = value}. */
    TYPE_ALIAS,
    /** The lazily evaluated bound, constraints or default of one type parameter. */
    TYPE_VAR_BOUND;

    /** Scopes whose locals live in a frame (fast locals and cells) and whose bindings nested functions can see. */
    public boolean isFunctionLike() {
        return this != MODULE && this != CLASS;
    }

    public boolean isAnnotationScope() {
        return this == TYPE_PARAMETERS || this == TYPE_ALIAS || this == TYPE_VAR_BOUND;
    }
}
