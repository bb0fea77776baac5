package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;

/** What {@code a is b} (or {@code id(a) == id(b)}) evaluates to on every execution, and why. */
public record IdentityVerdict(Node site, Answer answer, String reason) {
    public enum Answer { SAME, DIFFERENT, DEPENDS }
}
