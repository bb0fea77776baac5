package dev.memlens.analysis;

/**
 * What a name or expression holds: the objects it may be ({@code pts}) and, when known, a symbol naming the one
 * concrete object it is ({@code sym}, 0 when unknown). Two names with the same non-zero symbol are the same object
 * on every execution; symbols are never reused, so a symbol born in one loop iteration cannot meet the next one's.
 */
public record Value(Pts pts, int sym) {
    public static final Value UNBOUND = new Value(Pts.UNBOUND, 0);
    public static final Value NOTHING = new Value(Pts.EMPTY, 0);

    public Value join(Value o) {
        if (o == this) {
            return this;
        }
        return new Value(pts.union(o.pts), sym == o.sym ? sym : 0);
    }

    public Value withSym(int s) {
        return s == sym ? this : new Value(pts, s);
    }
}
