package dev.memlens.analysis;

/** How the identity of an abstract object is known. */
public enum Origin {
    /** Created by evaluating code in this file (a display, a call, a def...). */
    ALLOCATED,
    /** A literal constant of one code object; equal constants of one compilation unit are one object. */
    CONSTANT,
    /** A process-wide unique object: None, True, False, Ellipsis, (), a small int, an interned string. */
    SINGLETON,
    /** A builtin function or stdlib callable the analysis models, or a module. */
    BUILTIN,
    /** Came from code the analysis cannot see: any object at all, possibly one the file also holds. */
    UNKNOWN
}
