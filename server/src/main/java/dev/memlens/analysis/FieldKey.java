package dev.memlens.analysis;

/**
 * A slot of an object: a local or global variable ({@code NAME}), an attribute ({@code ATTR}), a container element
 * at a known index or key ({@code ITEM}), or the summary slot standing for every element at an unknown position
 * ({@code ANY_ITEM}), or a dict's keys ({@code KEY}).
 */
public record FieldKey(Kind kind, Object key) {
    public enum Kind { NAME, ATTR, ITEM, ANY_ITEM, KEY }

    public static final FieldKey ANY_ITEM = new FieldKey(Kind.ANY_ITEM, "*");

    /**
     * A dict's keys (every key object, at no particular position): iterating a dict yields them, its items are the
     * values. Not an item slot: what {@code d[k]} reads never comes from here.
     */
    public static final FieldKey KEYS = new FieldKey(Kind.KEY, "keys");

    public static FieldKey name(String n) {
        return new FieldKey(Kind.NAME, n);
    }

    public static FieldKey attr(String n) {
        return new FieldKey(Kind.ATTR, n);
    }

    public static FieldKey item(Object k) {
        return new FieldKey(Kind.ITEM, k);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof FieldKey k && kind == k.kind && java.util.Objects.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(key) * 4 + kind.ordinal();
    }

    public boolean isItem() {
        return kind == Kind.ITEM || kind == Kind.ANY_ITEM;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NAME -> (String) key;
            case ATTR -> "." + key;
            case ITEM -> "[" + (key instanceof String s ? "'" + s + "'" : key) + "]";
            case ANY_ITEM -> "[*]";
            case KEY -> ".keys()";
        };
    }
}
