package dev.memlens.analysis;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One abstract state of the whole program at a point: every live abstract object's contents. Variables are slots
 * too (globals on the module object, locals and cells on frame objects), so one map is the whole state.
 * <p>
 * Object ids are dense, so the map is a small tree of arrays: pages of {@value #PAGE} chunks of {@value #CHUNK}
 * objects. Copying clones only the array of pages and shares everything below; a page, a chunk and an object's
 * contents are cloned on the first write after a copy (a state writes in place only what carries its current
 * ownership token, and both states get new tokens on a copy). Joins and equality skip the pages, chunks and
 * contents the two states share, so their cost follows what differs, not the size of the heap; a snapshot kept per
 * statement costs about what that statement changed.
 * <p>
 * Each chunk also carries the time of its last write (a clock shared by all states of one analysis), and the clock
 * remembers when each object was first created: an object that was not written since another was created cannot
 * hold it, so {@link #rename} looks only at chunks written since.
 */
final class State {
    private static final int SHIFT = 5;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;
    private static final int PAGE_SHIFT = 5;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final Page[] NO_PAGES = new Page[0];

    /**
     * {@value #PAGE} chunks, which of them the page's owner may write in place, and their write times. A page copy
     * is most of what a statement's snapshot costs (a 10,000-line module keeps one per statement), so it is three
     * small parts: the chunks, a bit mask of the chunks owned, and int write times.
     */
    private static final class Page {
        final ObjState[][] chunks;
        /** Bit i: chunk i was made or cloned by {@link #owner} (only the page's owner ever writes through it). */
        int owned;
        final int[] stamps;
        /** The latest of {@link #stamps}. */
        int stamp;
        final Object owner;

        Page(Object owner) {
            this.chunks = new ObjState[PAGE][];
            this.stamps = new int[PAGE];
            this.owner = owner;
        }

        Page(Page o, Object owner) {
            this.chunks = o.chunks.clone();
            this.stamps = o.stamps.clone();
            this.stamp = o.stamp;
            this.owner = owner;
        }

        boolean owns(int ci) {
            return (owned & (1 << ci)) != 0;
        }
    }

    private Page[] pages;
    /** Ownership token for copy on write of pages, chunks and object contents; renewed on every copy. */
    private Object id = new Object();
    private int size;
    private final Clock clock;

    /** Write times shared by the states of one analysis. */
    private static final class Clock {
        /** Saturates at Integer.MAX_VALUE: every later write then counts as after any time (never missed). */
        int now = 1;
        int[] firstCreated = new int[64];

        int tick() {
            return now == Integer.MAX_VALUE ? now : ++now;
        }

        int firstCreated(int obj) {
            return obj < firstCreated.length ? firstCreated[obj] : 0;
        }

        void created(int obj) {
            if (obj >= firstCreated.length) {
                firstCreated = Arrays.copyOf(firstCreated, Math.max(obj + 1, firstCreated.length * 2));
            }
            if (firstCreated[obj] == 0) {
                firstCreated[obj] = now;
            }
        }
    }

    State() {
        pages = NO_PAGES;
        clock = new Clock();
    }

    private State(Page[] pages, int size, Clock clock) {
        this.pages = pages;
        this.size = size;
        this.clock = clock;
    }

    State copy() {
        // both sides now share everything: neither may write any of it in place
        id = new Object();
        return new State(pages.clone(), size, clock);
    }

    /**
     * A read-only copy of this state as it is now, for facts worked out later. It shares everything with this
     * state, which loses ownership of it (its next write to each part copies that part). Never written.
     */
    State snapshot() {
        return copy();
    }

    boolean has(int obj) {
        return read(obj) != null;
    }

    /** Read-only view of an object's contents, or null when it is not allocated in this state. */
    ObjState read(int obj) {
        int c = obj >>> SHIFT;
        int p = c >>> PAGE_SHIFT;
        if (p >= pages.length) {
            return null;
        }
        Page page = pages[p];
        if (page == null) {
            return null;
        }
        ObjState[] chunk = page.chunks[c & (PAGE - 1)];
        return chunk == null ? null : chunk[obj & MASK];
    }

    private ObjState[] writableChunk(int c) {
        int p = c >>> PAGE_SHIFT;
        if (p >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(p + 1, pages.length * 2));
        }
        Page page = pages[p];
        if (page == null) {
            page = new Page(id);
            pages[p] = page;
        } else if (page.owner != id) {
            page = new Page(page, id);
            pages[p] = page;
        }
        int ci = c & (PAGE - 1);
        ObjState[] chunk = page.chunks[ci];
        if (chunk == null) {
            chunk = new ObjState[CHUNK];
            page.chunks[ci] = chunk;
            page.owned |= 1 << ci;
        } else if (!page.owns(ci)) {
            chunk = chunk.clone();
            page.chunks[ci] = chunk;
            page.owned |= 1 << ci;
        }
        int now = clock.tick();
        page.stamps[ci] = now;
        page.stamp = now;
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
            clock.created(obj);
        } else if (s.owner != id) {
            s = s.copyFor(id);
            put(obj, s);
        } else {
            writableChunk(obj >>> SHIFT); // owned already: this only records the time of the write
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
        forEachWrittenSince(Long.MIN_VALUE, visitor);
    }

    /**
     * The objects that may hold {@code obj}: those written since {@code obj} was first created (the others cannot
     * refer to it), in increasing order. A search for the holders of a new object then skips the rest of the heap.
     */
    void forEachWrittenSinceCreated(int obj, java.util.function.IntConsumer visitor) {
        forEachWrittenSince(clock.firstCreated(obj), visitor);
    }

    /** The objects of the pages and chunks written at or after clock time {@code since}, in increasing order. */
    private void forEachWrittenSince(long since, java.util.function.IntConsumer visitor) {
        Page[] ps = pages;
        for (int p = 0; p < ps.length; p++) {
            Page page = ps[p];
            if (page == null || page.stamp < since) {
                continue;
            }
            for (int ci = 0; ci < PAGE; ci++) {
                ObjState[] chunk = page.chunks[ci];
                if (chunk == null || page.stamps[ci] < since) {
                    continue;
                }
                int base = ((p << PAGE_SHIFT) | ci) << SHIFT;
                for (int i = 0; i < CHUNK; i++) {
                    if (chunk[i] != null) {
                        visitor.accept(base | i);
                    }
                }
            }
        }
    }

    /**
     * The objects whose contents differ between {@code before} and this state (added, removed or written), found by
     * skipping the pages and chunks the two share: a snapshot against the one a statement earlier costs what the
     * statement wrote.
     */
    void forEachChangedSince(State before, java.util.function.IntConsumer visitor) {
        forEachDiffering(before, id -> {
            visitor.accept(id);
            return true;
        });
    }

    /**
     * Calls {@code visitor} with the ids whose contents are another object in {@code other} (or absent on one side),
     * skipping the pages and chunks the two share, until it answers false; false when it was stopped.
     */
    private boolean forEachDiffering(State other, java.util.function.IntPredicate visitor) {
        int n = Math.max(pages.length, other.pages.length);
        for (int p = 0; p < n; p++) {
            Page pa = p < other.pages.length ? other.pages[p] : null;
            Page pb = p < pages.length ? pages[p] : null;
            if (pa == pb) {
                continue;
            }
            for (int ci = 0; ci < PAGE; ci++) {
                ObjState[] a = pa == null ? null : pa.chunks[ci];
                ObjState[] b = pb == null ? null : pb.chunks[ci];
                if (a == b) {
                    continue;
                }
                int base = ((p << PAGE_SHIFT) | ci) << SHIFT;
                for (int i = 0; i < CHUNK; i++) {
                    if ((a == null ? null : a[i]) != (b == null ? null : b[i]) && !visitor.test(base | i)) {
                        return false;
                    }
                }
            }
        }
        return true;
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
        int n = Math.max(pages.length, o.pages.length);
        Page[] out = new Page[n];
        State j = new State(out, 0, clock);
        int size = this.size; // plus the objects only o has
        for (int p = 0; p < n; p++) {
            Page pa = p < pages.length ? pages[p] : null;
            Page pb = p < o.pages.length ? o.pages[p] : null;
            if (pa == pb || pb == null) {
                out[p] = pa;
                continue;
            }
            if (pa == null) {
                out[p] = pb;
                size += count(pb);
                continue;
            }
            Page r = null;
            for (int ci = 0; ci < PAGE; ci++) {
                ObjState[] a = pa.chunks[ci];
                ObjState[] b = pb.chunks[ci];
                if (a == b || b == null) {
                    continue;
                }
                if (r == null) {
                    r = new Page(pa, j.id);
                }
                r.stamps[ci] = Math.max(pa.stamps[ci], pb.stamps[ci]);
                r.stamp = Math.max(r.stamp, r.stamps[ci]);
                if (a == null) {
                    r.chunks[ci] = b;
                    size += count(b);
                    continue;
                }
                ObjState[] rc = null;
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
                    if (z != x && rc == null) {
                        rc = a.clone();
                    }
                    if (rc != null) {
                        rc[i] = z;
                    }
                    if (x == null && z != null) {
                        size++;
                    }
                }
                if (rc != null) {
                    r.chunks[ci] = rc;
                    r.owned |= 1 << ci;
                }
            }
            out[p] = r == null ? pa : r;
        }
        j.size = size;
        // both states now share parts with the join
        id = new Object();
        o.id = new Object();
        return j;
    }

    private static int count(Page p) {
        int n = 0;
        for (ObjState[] c : p.chunks) {
            n += count(c);
        }
        return n;
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
        long since = clock.firstCreated(from);
        for (int p = 0; p < pages.length; p++) {
            Page page = pages[p];
            if (page == null || page.stamp < since) {
                continue; // not written since `from` first existed: nothing in it can refer to `from`
            }
            for (int ci = 0; ci < PAGE; ci++) {
                ObjState[] chunk = page.chunks[ci];
                if (chunk == null || page.stamps[ci] < since) {
                    continue;
                }
                int base = ((p << PAGE_SHIFT) | ci) << SHIFT;
                for (int i = 0; i < CHUNK; i++) {
                    ObjState s = chunk[i];
                    if (s != null && s.fields.mayHold(from)) {
                        ObjState w = write(base | i);
                        w.fields.replaceHolding(from, (k, v) -> v.pts().contains(from)
                                ? new Value(v.pts().map(f), v.sym()) : v);
                    }
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
        return forEachDiffering(s, id -> {
            ObjState x = read(id);
            ObjState y = s.read(id);
            return x != null && y != null && x.sameAs(y);
        });
    }

    @Override
    public int hashCode() {
        return size;
    }
}
