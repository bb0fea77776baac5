package dev.memlens.analysis;

/** The Python type of an abstract object, as far as the analysis distinguishes types. */
public enum ObjKind {
    NONE("NoneType", false), BOOL("bool", false), INT("int", false), FLOAT("float", false),
    COMPLEX("complex", false), STR("str", false), BYTES("bytes", false), TUPLE("tuple", false),
    FROZENSET("frozenset", false), RANGE("range", false), ELLIPSIS("ellipsis", false),
    LIST("list", true), DICT("dict", true), SET("set", true), BYTEARRAY("bytearray", true),
    MEMORYVIEW("memoryview", true), INSTANCE("object", true), MODULE("module", true),
    FUNCTION("function", true), CLASS("type", true), BUILTIN("builtin_function_or_method", false),
    /** {@code string.templatelib.Template}, what a t-string (3.14) makes: immutable, holds its values. */
    TEMPLATE("Template", false),
    ITERATOR("iterator", true), GENERATOR("generator", true), FRAME("frame", true), WEAKREF("weakref", false),
    /** Anything the analysis does not model: type and contents unknown. */
    UNKNOWN("?", true);

    private final String pythonName;
    private final boolean mutable;

    ObjKind(String pythonName, boolean mutable) {
        this.pythonName = pythonName;
        this.mutable = mutable;
    }

    public String pythonName() {
        return pythonName;
    }

    /** May the object's state change after creation (unknown counts as may). */
    public boolean mutable() {
        return mutable;
    }

    /** Kinds whose elements are tracked as container slots. */
    public boolean container() {
        return this == LIST || this == DICT || this == SET || this == TUPLE || this == FROZENSET
                || this == TEMPLATE;
    }

    /** Kinds the oracle and the editor treat as "code", never listed in alias groups. */
    public boolean isCode() {
        return this == FUNCTION || this == CLASS || this == MODULE || this == BUILTIN;
    }
}
