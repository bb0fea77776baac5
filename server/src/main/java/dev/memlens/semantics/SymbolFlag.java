package dev.memlens.semantics;

/** Facts about one symbol in one scope. ASSIGNED, REFERENCED, IMPORTED, ANNOTATED and PARAMETER mean what CPython's
 * symtable predicates of the same names mean, so they can be checked against CPython. */
public enum SymbolFlag {
    PARAMETER,
    /** Bound here by anything but an import or a parameter (assignment forms, def, class, del, except, match...). */
    ASSIGNED,
    /** Read here ({@code x += 1} counts as ASSIGNED only, as in CPython). */
    REFERENCED,
    IMPORTED,
    ANNOTATED,
    /** A local that an inner scope uses: it lives in a cell (kind CELL). */
    CAPTURED,
    DECLARED_GLOBAL,
    DECLARED_NONLOCAL,
    /** A comprehension's iteration variable. */
    COMPREHENSION_TARGET,
    /** Some {@code del} statement deletes it in this scope. */
    DELETED,
    /** A PEP 695 type parameter. */
    TYPE_PARAMETER
}
