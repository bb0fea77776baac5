package dev.memlens.analysis;

/**
 * How an argument is passed to the run of a body that works out a call's effect: as it is (immutable values, code),
 * or as a stand-in object of its kind. Calls whose arguments pass alike share one effect.
 */
sealed interface StandIn {
    /** No object (an argument no execution produces). */
    record Nothing() implements StandIn {}

    /** These very objects: immutable values, builtins and builtin modules, which a body cannot change. */
    record AsIs(Pts objects) implements StandIn {}

    /** A stand-in instance of these classes (bound on every path). */
    record Instance(Pts classes) implements StandIn {}

    /** A stand-in mutable builtin container of this kind. */
    record Container(ObjKind kind) implements StandIn {}

    /** A stand-in unknown object. */
    record Unknown() implements StandIn {}

    /** The kind of the stand-in object, or null when the argument is passed as it is. */
    default ObjKind standInKind() {
        if (this instanceof Instance) {
            return ObjKind.INSTANCE;
        }
        if (this instanceof Container c) {
            return c.kind();
        }
        return this instanceof Unknown ? ObjKind.UNKNOWN : null;
    }
}
