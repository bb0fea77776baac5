package dev.memlens.features;

import dev.memlens.syntax.ast.Span;

/** Replace the text in {@code range} (offsets of the analyzed version) by {@code newText}. */
public record TextChange(Span range, String newText) {
}
