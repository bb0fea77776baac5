package dev.memlens.rules;

import java.util.List;

/**
 * A quick fix: a title for the menu, its safety, whether an editor should offer it first (LSP's isPreferred), and
 * non-overlapping edits of one file.
 */
public record Fix(String title, FixSafety safety, boolean preferred, List<TextEdit> edits) {
    public Fix {
        edits = List.copyOf(edits);
    }

    public static Fix safe(String title, List<TextEdit> edits) {
        return new Fix(title, FixSafety.SAFE, true, edits);
    }

    public static Fix unsafe(String title, List<TextEdit> edits) {
        return new Fix(title, FixSafety.UNSAFE, true, edits);
    }

    public static Fix of(String title, FixSafety safety, List<TextEdit> edits) {
        return new Fix(title, safety, true, edits);
    }

    public boolean isSafe() {
        return safety == FixSafety.SAFE;
    }
}
