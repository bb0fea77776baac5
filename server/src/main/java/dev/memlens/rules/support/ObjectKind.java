package dev.memlens.rules.support;

/** The kinds of object the rules distinguish. */
public enum ObjectKind {
    LIST("list", true), DICT("dict", true), SET("set", true), BYTEARRAY("bytearray", true),
    INSTANCE("object", true), MEMORYVIEW("memoryview", true), DEQUE("deque", true), ARRAY("array", true),
    TUPLE("tuple", false), STR("str", false), BYTES("bytes", false), NUMBER("number", false),
    FROZENSET("frozenset", false), NONE("None", false), FUNCTION("function", false);

    private final String label;
    private final boolean mutable;

    ObjectKind(String label, boolean mutable) {
        this.label = label;
        this.mutable = mutable;
    }

    public String label() {
        return label;
    }

    public boolean mutable() {
        return mutable;
    }
}
