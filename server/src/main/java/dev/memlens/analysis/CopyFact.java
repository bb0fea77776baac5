package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;

/**
 * A copy site. A shallow copy is a new container holding the same elements: {@code sharedMutables} counts the
 * element objects that are (or may be) mutable and therefore shared with the original. A deep copy shares none.
 */
public record CopyFact(Node site, Depth depth, int sharedMutables) {
    public enum Depth { SHALLOW, DEEP }
}
