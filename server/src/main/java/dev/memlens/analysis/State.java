package dev.memlens.analysis;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * One abstract state of the whole program at a point: every live abstract object's contents. Variables are slots
 * too (globals on the module object, locals and cells on frame objects), so one map is the whole state. Copying is
 * shallow; object contents are copied on first write.
 */
final class State {
    private final HashMap<Integer, ObjState> heap;
    /** Ownership token for copy on write: contents created by another state are cloned before writing. */
    private final Object id = new Object();

    State() {
        heap = new HashMap<>();
    }

    private State(HashMap<Integer, ObjState> heap) {
        this.heap = heap;
    }

    State copy() {
        return new State(new HashMap<>(heap));
    }

    boolean has(int obj) {
        return heap.containsKey(obj);
    }

    /** Read-only view of an object's contents, or null when it is not allocated in this state. */
    ObjState read(int obj) {
        return heap.get(obj);
    }

    /** Writable contents of an object, created empty when absent. */
    ObjState write(int obj) {
        ObjState s = heap.get(obj);
        if (s == null) {
            s = new ObjState(id);
            heap.put(obj, s);
        } else if (s.owner != id) {
            s = s.copyFor(id);
            heap.put(obj, s);
        }
        return s;
    }

    void remove(int obj) {
        heap.remove(obj);
    }

    Iterable<Map.Entry<Integer, ObjState>> objects() {
        return heap.entrySet();
    }

    int size() {
        return heap.size();
    }

    /** Least upper bound; an object allocated on one side only keeps its contents. */
    State join(State o) {
        if (o == null) {
            return this;
        }
        State j = new State(new HashMap<>(heap));
        for (Map.Entry<Integer, ObjState> e : o.heap.entrySet()) {
            ObjState mine = heap.get(e.getKey());
            if (mine == null) {
                j.heap.put(e.getKey(), e.getValue());
            } else if (!mine.sameAs(e.getValue())) {
                j.heap.put(e.getKey(), mine.join(e.getValue(), j.id));
            }
        }
        return j;
    }

    static State join(State a, State b) {
        return a == null ? b : a.join(b);
    }

    /** Renames object ids everywhere (recency demotion); contents of objects that merge are joined. */
    void rename(int from, int to) {
        IntUnaryOperator f = x -> x == from ? to : x;
        for (Map.Entry<Integer, ObjState> e : heap.entrySet()) {
            ObjState s = e.getValue();
            boolean touches = false;
            for (Value v : s.fields.values()) {
                if (v.pts().contains(from)) {
                    touches = true;
                    break;
                }
            }
            if (touches) {
                ObjState w = write(e.getKey());
                w.fields.replaceAll((k, v) -> v.pts().contains(from) ? new Value(v.pts().map(f), v.sym()) : v);
            }
        }
        ObjState moved = heap.remove(from);
        if (moved != null) {
            ObjState target = heap.get(to);
            ObjState merged = target == null ? moved.copyFor(id) : target.join(moved, id);
            // a summary object stands for many: its slots are never definitely one object
            merged.fields.replaceAll((k, v) -> v.sym() == 0 ? v : v.withSym(0));
            merged.collapseItems();
            heap.put(to, merged);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof State s) || s.heap.size() != heap.size()) {
            return false;
        }
        for (Map.Entry<Integer, ObjState> e : heap.entrySet()) {
            ObjState other = s.heap.get(e.getKey());
            if (other == null || !other.sameAs(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return heap.size();
    }
}
