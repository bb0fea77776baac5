package dev.memlens.analysis;

/**
 * Keys of the objects a run has at most one of (see {@link ObjectTable#keyed}): singletons, cached small ints and
 * interned strings, builtins, modules, and the one object per kind of computed immutable value. One record per kind
 * of key, so keys of different kinds never compare equal.
 */
sealed interface ObjectKey {
    /** None, True, False, Ellipsis, the empty tuple. */
    record Singleton(String name) implements ObjectKey {}

    /** An int CPython caches (-5..256). */
    record SmallInt(long value) implements ObjectKey {}

    /** An identifier-like (or one-character) string literal, which CPython interns. */
    record InternedStr(String value) implements ObjectKey {}

    /** A builtin function, type or method, or a name of a modelled module, by qualified name. */
    record Builtin(String qualified) implements ObjectKey {}

    /** A module by name (the analyzed file is {@code __main__}). */
    record Module(String name) implements ObjectKey {}

    /** A new immutable value of this kind whose identity depends on CPython's caches. */
    record Computed(ObjKind kind) implements ObjectKey {}
}
