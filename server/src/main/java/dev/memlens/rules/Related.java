package dev.memlens.rules;

import dev.memlens.syntax.ast.Span;

/** The other side of a finding: where the shared object was bound, copied, or iterated. */
public record Related(Span span, String message) {}
