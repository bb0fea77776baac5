package dev.memlens.analysis;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One abstract state of the whole program at a point: every live abstract object's contents. Variables are slots
 * too (globals on the module object, locals and cells on frame objects), so one map is the whole state.
 * <p>
 * Object ids are dense, so the map is a two-level array of fixed-size chunks. Copying clones only the top level
 * and shares every chunk; a chunk, and an object's contents, are cloned on the first write after a copy (both
 * states lose ownership of everything on a copy). Joins and equality skip chunks and contents the two states
 * share, so their cost follows what differs, not the size of the heap.
 */
final class State {
    private static final int SHIFT = 5;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final ObjState[][] NO_CHUNKS = new ObjState[0][];
    private static final boolean[] NO_OWNED = new boolean[0];

    private ObjState[][] chunks;
    /** Chunks this state may write in place (cloned since the last copy). */
    private boolean[] ownedChunks;
    /** Ownership token for copy on write of object contents; renewed on every copy. */
    private Object id = new Object();
    private int size;

    State() {
        chunks = NO_CHUNKS;
        ownedChunks = new boolean[0];
    }

    private State(ObjState[][] chunks, int size) {
        this(chunks, size, new boolean[chunks.length]);
    }

    private State(ObjState[][] chunks, int size, boolean[] owned) {
        this.chunks = chunks;
        this.ownedChunks = owned;
        this.size = size;
    }

    State copy() {
        // both sides now share every chunk and every object's contents: neither may write them in place
        Arrays.fill(ownedChunks, false);
        id = new Object();
        return new State(chunks.clone(), size);
    }

    /**
     * A read-only copy of this state as it is now, for facts worked out later. It shares every chunk and object
     * with this state, which loses ownership of them (its next write to each copies it). Never written.
     */
    State snapshot() {
        Arrays.fill(ownedChunks, false);
        id = new Object();
        State s = new State(chunks.clone(), size, NO_OWNED);
        return s;
    }

    boolean has(int obj) {
        return read(obj) != null;
    }

    /** Read-only view of an object's contents, or null when it is not allocated in this state. */
    ObjState read(int obj) {
        int c = obj >>> SHIFT;
        if (c >= chunks.length) {
            return null;
        }
        ObjState[] chunk = chunks[c];
        return chunk == null ? null : chunk[obj & MASK];
    }

    private ObjState[] writableChunk(int c) {
        if (c >= chunks.length) {
            int n = Math.max(c + 1, chunks.length * 2);
            chunks = Arrays.copyOf(chunks, n);
            ownedChunks = Arrays.copyOf(ownedChunks, n);
        }
        ObjState[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new ObjState[CHUNK];
            chunks[c] = chunk;
            ownedChunks[c] = true;
        } else if (!ownedChunks[c]) {
            chunk = chunk.clone();
            chunks[c] = chunk;
            ownedChunks[c] = true;
        }
        return chunk;
    }

    private void put(int obj, ObjState s) {
        ObjState[] chunk = writableChunk(obj >>> SHIFT);
        if (chunk[obj & MASK] == null) {
            size++;
        }
        chunk[obj & MASK] = s;
    }

    /** Writable contents of an object, created empty when absent. */
    ObjState write(int obj) {
        ObjState s = read(obj);
        if (s == null) {
            s = new ObjState(id);
            put(obj, s);
        } else if (s.owner != id) {
            s = s.copyFor(id);
            put(obj, s);
        }
        return s;
    }

    void remove(int obj) {
        if (read(obj) == null) {
            return;
        }
        writableChunk(obj >>> SHIFT)[obj & MASK] = null;
        size--;
    }

    /** Calls {@code visitor} with every allocated object id in increasing order. */
    void forEachObject(java.util.function.IntConsumer visitor) {
        ObjState[][] cs = chunks;
        for (int c = 0; c < cs.length; c++) {
            ObjState[] chunk = cs[c];
            if (chunk == null) {
                continue;
            }
            for (int i = 0; i < CHUNK; i++) {
                if (chunk[i] != null) {
                    visitor.accept((c << SHIFT) | i);
                }
            }
        }
    }

    /** Allocated object ids in increasing order. */
    int[] objectIds() {
        int[] out = new int[size];
        int[] n = {0};
        forEachObject(o -> out[n[0]++] = o);
        return n[0] == out.length ? out : Arrays.copyOf(out, n[0]);
    }

    int size() {
        return size;
    }

    /** Least upper bound; an object allocated on one side only keeps its contents. */
    State join(State o) {
        if (o == null || o == this) {
            return this;
        }
        int n = Math.max(chunks.length, o.chunks.length);
        ObjState[][] out = new ObjState[n][];
        State j = new State(out, 0);
        int size = this.size; // plus the objects only o has
        for (int c = 0; c < n; c++) {
            ObjState[] a = c < chunks.length ? chunks[c] : null;
            ObjState[] b = c < o.chunks.length ? o.chunks[c] : null;
            if (a == b || b == null) {
                out[c] = a;
                continue;
            }
            if (a == null) {
                out[c] = b;
                size += count(b);
                continue;
            }
            ObjState[] r = null;
            for (int i = 0; i < CHUNK; i++) {
                ObjState x = a[i];
                ObjState y = b[i];
                ObjState z;
                if (x == y || y == null) {
                    z = x;
                } else if (x == null) {
                    z = y;
                } else if (x.sameAs(y)) {
                    z = x;
                } else {
                    z = x.join(y, j.id);
                }
                if (z != x && r == null) {
                    r = a.clone();
                }
                if (r != null) {
                    r[i] = z;
                }
                if (x == null && z != null) {
                    size++;
                }
            }
            out[c] = r == null ? a : r;
            if (r != null) {
                j.ownedChunks[c] = true;
            }
        }
        j.size = size;
        // this state's chunks are now shared with the join
        Arrays.fill(ownedChunks, false);
        id = new Object();
        o.disown();
        return j;
    }

    private void disown() {
        Arrays.fill(ownedChunks, false);
        id = new Object();
    }

    private static int count(ObjState[] chunk) {
        if (chunk == null) {
            return 0;
        }
        int n = 0;
        for (ObjState s : chunk) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    static State join(State a, State b) {
        return a == null ? b : a.join(b);
    }

    /** Renames object ids everywhere (recency demotion); contents of objects that merge are joined. */
    void rename(int from, int to) {
        IntUnaryOperator f = x -> x == from ? to : x;
        ObjState[][] cs = chunks;
        for (int c = 0; c < cs.length; c++) {
            if (cs[c] == null) {
                continue;
            }
            for (int i = 0; i < CHUNK; i++) {
                ObjState s = chunks[c][i];
                if (s == null) {
                    continue;
                }
                boolean touches = false;
                for (Value v : s.fields.values()) {
                    if (v.pts().contains(from)) {
                        touches = true;
                        break;
                    }
                }
                if (touches) {
                    ObjState w = write((c << SHIFT) | i);
                    w.fields.replaceAll((k, v) -> v.pts().contains(from) ? new Value(v.pts().map(f), v.sym()) : v);
                }
            }
        }
        ObjState moved = read(from);
        if (moved != null) {
            remove(from);
            ObjState target = read(to);
            ObjState merged = target == null ? moved.copyFor(id) : target.join(moved, id);
            // a summary object stands for many: its slots are never definitely one object
            merged.fields.replaceAll((k, v) -> v.sym() == 0 ? v : v.withSym(0));
            merged.collapseItems();
            put(to, merged);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof State s) || s.size != size) {
            return false;
        }
        int n = Math.max(chunks.length, s.chunks.length);
        for (int c = 0; c < n; c++) {
            ObjState[] a = c < chunks.length ? chunks[c] : null;
            ObjState[] b = c < s.chunks.length ? s.chunks[c] : null;
            if (a == b) {
                continue;
            }
            for (int i = 0; i < CHUNK; i++) {
                ObjState x = a == null ? null : a[i];
                ObjState y = b == null ? null : b[i];
                if (x == y) {
                    continue;
                }
                if (x == null || y == null || !x.sameAs(y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return size;
    }
}
