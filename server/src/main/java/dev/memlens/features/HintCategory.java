package dev.memlens.features;

/** The kinds of inlay hint; each has its own provider and its own switch under {@code memlens.hints}. */
public enum HintCategory {
    /** "≡ x": this name is bound to the same object as x. */
    ALIAS,
    /** "mutates a, b": who sees this mutation. */
    MUTATION,
    /** "shallow": how deep a copy really is. */
    COPY_DEPTH,
    /** "refs: 2": how many references keep an object alive. */
    REFCOUNT,
    /** "is y": identity of small ints and interned strings. */
    IDENTITY
}
