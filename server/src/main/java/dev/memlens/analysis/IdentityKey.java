package dev.memlens.analysis;

/**
 * A key that is one object (an AST node), whatever its value: AST records compare by value, and two equal nodes at
 * different places are different sites. Equality is identity; the identity hash only picks the bucket.
 */
record IdentityKey(Object node) {
    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKey k && k.node == node;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(node);
    }
}
