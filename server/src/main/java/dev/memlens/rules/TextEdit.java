package dev.memlens.rules;

/** Replace the UTF-16 range {@code [start, end)} of the source with {@code replacement}; an insertion has start == end. */
public record TextEdit(int start, int end, String replacement) {
    public TextEdit {
        if (start < 0 || end < start || replacement == null) {
            throw new IllegalArgumentException("bad edit [" + start + ", " + end + ")");
        }
    }

    public static TextEdit insert(int at, String text) {
        return new TextEdit(at, at, text);
    }
}
