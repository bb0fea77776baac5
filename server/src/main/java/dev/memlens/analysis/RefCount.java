package dev.memlens.analysis;

/**
 * How many references the program holds to an object after a statement: names in frames and globals, closure
 * cells, container slots, attributes and default values, as an interval. {@code sys.getrefcount(x)} reports one
 * more (its argument). {@code hi == UNBOUNDED} when unknown code or repetition may hold more; {@code immortal}
 * for objects whose count is not a count (3.12+ immortal objects, constants also held by code objects).
 */
public record RefCount(int lo, int hi, boolean immortal) {
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    public static final RefCount IMMORTAL = new RefCount(0, UNBOUNDED, true);

    public boolean exact() {
        return !immortal && lo == hi;
    }

    public RefCount hull(RefCount o) {
        if (immortal || o.immortal) {
            return IMMORTAL;
        }
        return new RefCount(Math.min(lo, o.lo), Math.max(hi, o.hi), false);
    }

    @Override
    public String toString() {
        return immortal ? "immortal" : exact() ? String.valueOf(lo)
                : lo + ".." + (hi == UNBOUNDED ? "?" : String.valueOf(hi));
    }
}
