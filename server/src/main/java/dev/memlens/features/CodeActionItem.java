package dev.memlens.features;

import java.util.List;
import java.util.Objects;

/**
 * A quick fix or refactoring of one document.
 *
 * @param kind        an LSP code action kind string ({@code quickfix}, {@code refactor.rewrite})
 * @param diagnostics the findings it fixes
 */
public record CodeActionItem(String title, String kind, List<TextChange> edits, boolean preferred,
                             List<Finding> diagnostics) {

    public static final String QUICK_FIX = "quickfix";

    public CodeActionItem {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(kind, "kind");
        edits = List.copyOf(edits);
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }
}
