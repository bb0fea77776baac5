package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

import java.util.Objects;

/**
 * What hovering shows.
 *
 * @param markdown the content; clients without markdown get it as plain text
 * @param range    the token the hover is about, highlighted by editors
 */
public record HoverItem(String markdown, Span range) {

    public HoverItem {
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(range, "range");
    }
}
