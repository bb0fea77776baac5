package dev.memlens.analysis;

import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * A points-to set: the abstract objects a name or slot may refer to, as a sorted array of object ids. Id
 * {@link #UNBOUND_ID} stands for "not bound", so a set holding it and others means "maybe unbound".
 */
public final class Pts {
    public static final int UNBOUND_ID = 0;
    public static final Pts EMPTY = new Pts(new int[0]);
    public static final Pts UNBOUND = new Pts(new int[] {UNBOUND_ID});

    private final int[] ids;

    private Pts(int[] ids) {
        this.ids = ids;
    }

    public static Pts of(int id) {
        return id == UNBOUND_ID ? UNBOUND : new Pts(new int[] {id});
    }

    public static Pts ofSorted(int[] ids) {
        return ids.length == 0 ? EMPTY : new Pts(ids);
    }

    public int size() {
        return ids.length;
    }

    public boolean isEmpty() {
        return ids.length == 0;
    }

    public int get(int i) {
        return ids[i];
    }

    public boolean contains(int id) {
        return Arrays.binarySearch(ids, id) >= 0;
    }

    public boolean maybeUnbound() {
        return ids.length > 0 && ids[0] == UNBOUND_ID;
    }

    /** Bound on every path: non-empty and without the unbound marker. */
    public boolean definitelyBound() {
        return ids.length > 0 && ids[0] != UNBOUND_ID;
    }

    /** The only object, or -1 when there are several, none, or maybe none. */
    public int single() {
        return ids.length == 1 && ids[0] != UNBOUND_ID ? ids[0] : -1;
    }

    public Pts withoutUnbound() {
        return maybeUnbound() ? ofSorted(Arrays.copyOfRange(ids, 1, ids.length)) : this;
    }

    /**
     * The union of many sets at once: one sort instead of a union per set, whose copies of a growing result were
     * quadratic (a dict display of 200,000 distinct constant keys).
     */
    public static Pts unionAll(java.util.Collection<Pts> sets) {
        int n = 0;
        for (Pts p : sets) {
            n += p.ids.length;
        }
        int[] all = new int[n];
        int at = 0;
        for (Pts p : sets) {
            System.arraycopy(p.ids, 0, all, at, p.ids.length);
            at += p.ids.length;
        }
        Arrays.sort(all);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || all[m - 1] != all[i]) {
                all[m++] = all[i];
            }
        }
        return ofSorted(m == n ? all : Arrays.copyOf(all, m));
    }

    public Pts union(Pts o) {
        if (o == this || o.ids.length == 0) {
            return this;
        }
        if (ids.length == 0) {
            return o;
        }
        int[] out = new int[ids.length + o.ids.length];
        int i = 0, j = 0, n = 0;
        while (i < ids.length && j < o.ids.length) {
            int a = ids[i], b = o.ids[j];
            if (a == b) {
                out[n++] = a;
                i++;
                j++;
            } else if (a < b) {
                out[n++] = a;
                i++;
            } else {
                out[n++] = b;
                j++;
            }
        }
        while (i < ids.length) {
            out[n++] = ids[i++];
        }
        while (j < o.ids.length) {
            out[n++] = o.ids[j++];
        }
        if (n == ids.length) {
            return this;
        }
        if (n == o.ids.length) {
            return o;
        }
        return new Pts(Arrays.copyOf(out, n));
    }

    public boolean intersects(Pts o) {
        int i = 0, j = 0;
        while (i < ids.length && j < o.ids.length) {
            int a = ids[i], b = o.ids[j];
            if (a == b && a != UNBOUND_ID) {
                return true;
            }
            if (a <= b) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    public boolean anyMatch(IntPredicate p) {
        for (int id : ids) {
            if (id != UNBOUND_ID && p.test(id)) {
                return true;
            }
        }
        return false;
    }

    public boolean allMatch(IntPredicate p) {
        for (int id : ids) {
            if (id != UNBOUND_ID && !p.test(id)) {
                return false;
            }
        }
        return true;
    }

    /** The ids that pass the test, in order. */
    public Pts filter(IntPredicate p) {
        int[] out = new int[ids.length];
        int n = 0;
        for (int id : ids) {
            if (p.test(id)) {
                out[n++] = id;
            }
        }
        return n == ids.length ? this : ofSorted(Arrays.copyOf(out, n));
    }

    /** Replaces ids (used when a recent object is demoted to its summary). */
    public Pts map(IntUnaryOperator f) {
        int[] out = new int[ids.length];
        boolean changed = false;
        for (int i = 0; i < ids.length; i++) {
            out[i] = f.applyAsInt(ids[i]);
            changed |= out[i] != ids[i];
        }
        if (!changed) {
            return this;
        }
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[n - 1] != out[i]) {
                out[n++] = out[i];
            }
        }
        return ofSorted(n == out.length ? out : Arrays.copyOf(out, n));
    }

    public int[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pts p && Arrays.equals(ids, p.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
