package dev.memlens.analysis;

import dev.memlens.analysis.ScopeNames.Where;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only questions about a recorded state ({@link FrameSnapshot}): the names a body sees and their values, which
 * names see a mutated object, what reaches what, and how many references hold an object. Shared by the facts of
 * one analysis; it never changes a state.
 */
final class HeapView {
    private final ObjectTable objs;
    private final int moduleObj;
    private final ScopeNames scopes;

    HeapView(ObjectTable objs, int moduleObj, ScopeNames scopes) {
        this.objs = objs;
        this.moduleObj = moduleObj;
        this.scopes = scopes;
    }

    ObjectTable objects() {
        return objs;
    }

    /** The module object, whose slots are the globals. */
    int moduleObj() {
        return moduleObj;
    }

    /** Names of the body's scope with their values (module globals for the module; locals and free variables). */
    Map<String, Value> visibleNames(FrameSnapshot at) {
        Map<String, Value> out = new LinkedHashMap<>();
        State st = at.state();
        Scope scope = at.scope();
        if (scope.kind() == ScopeKind.MODULE) {
            ObjState m = st.read(moduleObj);
            if (m != null) {
                m.fields.forEachInOrder((k, v) -> {
                    if (k.kind() == FieldKey.Kind.NAME && !v.pts().isEmpty()) {
                        out.put((String) k.key(), v);
                    }
                });
            }
            return out;
        }
        ObjState fr = st.read(at.frameObj());
        if (fr != null) {
            boolean summary = objs.get(at.frameObj()).summary();
            fr.fields.forEachInOrder((k, v) -> {
                if ((k.kind() == FieldKey.Kind.NAME || k.kind() == FieldKey.Kind.ATTR
                        && scope.kind() == ScopeKind.CLASS) && k.key() instanceof String n
                        && ScopeNames.isLocal(scope, n)) {
                    out.put(n, summary ? v.withSym(0) : v);
                }
            });
        }
        if (at.freeFrames() != null) {
            List<String> free = scopes.freeNames(scope);
            for (int i = 0; i < free.size(); i++) {
                String n = free.get(i);
                int frame = at.freeFrames()[i];
                if (frame >= 0 && !out.containsKey(n)) {
                    Value v = readSlot(st, frame, FieldKey.name(n));
                    if (!v.pts().isEmpty()) {
                        out.put(n, v);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The entries of {@link #visibleNames} in no particular order, without building the map or sorting: at module
     * level a scope holds thousands of globals, and a question about one statement's names need not copy them all.
     */
    void forEachVisibleName(FrameSnapshot at, java.util.function.BiConsumer<String, Value> visitor) {
        if (at.scope().kind() != ScopeKind.MODULE) {
            visibleNames(at).forEach(visitor);
            return;
        }
        ObjState m = at.state().read(moduleObj);
        if (m != null) {
            for (Map.Entry<FieldKey, Value> e : m.fields.entrySet()) {
                FieldKey k = e.getKey();
                Value v = e.getValue();
                if (k.kind() == FieldKey.Kind.NAME && !v.pts().isEmpty()) {
                    visitor.accept((String) k.key(), v);
                }
            }
        }
    }

    /**
     * At least the entries of {@link #visibleNames} whose value holds object {@code id}, in no particular order: at
     * module level only the globals the namespace's filters say may hold it are visited (a search for the other
     * names of one object among thousands of globals).
     */
    void forEachVisibleNameHolding(FrameSnapshot at, int id, java.util.function.BiConsumer<String, Value> visitor) {
        if (at.scope().kind() != ScopeKind.MODULE) {
            visibleNames(at).forEach(visitor);
            return;
        }
        ObjState m = at.state().read(moduleObj);
        if (m != null) {
            m.fields.forEachHolding(id, (k, v) -> {
                if (k.kind() == FieldKey.Kind.NAME && !v.pts().isEmpty()) {
                    visitor.accept((String) k.key(), v);
                }
            });
        }
    }

    /** {@code visibleNames(at).get(name)}, looked up directly at module level. */
    Value visibleName(FrameSnapshot at, String name) {
        if (at.scope().kind() != ScopeKind.MODULE) {
            return visibleNames(at).get(name);
        }
        ObjState m = at.state().read(moduleObj);
        Value v = m == null ? null : m.fields.get(FieldKey.name(name));
        return v == null || v.pts().isEmpty() ? null : v;
    }

    /** For each free variable of a function body: the one frame object holding it, or -1 (see FrameSnapshot). */
    int[] freeFrames(Scope scope, java.util.function.Function<Scope, Pts> framesOf) {
        if (scope.kind() != ScopeKind.FUNCTION && scope.kind() != ScopeKind.LAMBDA) {
            return null;
        }
        List<String> free = scopes.freeNames(scope);
        if (free.isEmpty()) {
            return null;
        }
        int[] out = new int[free.size()];
        for (int i = 0; i < free.size(); i++) {
            String n = free.get(i);
            out[i] = -1;
            if (scopes.where(scope, n) == Where.FREE) {
                Scope d = scopes.definingScope(scope, n);
                out[i] = d == null ? -1 : framesOf.apply(d).single();
            }
        }
        return out;
    }

    Value readSlot(State st, int obj, FieldKey key) {
        ObjState s = st.read(obj);
        if (s == null) {
            return Value.UNBOUND;
        }
        Value v = s.fields.get(key);
        if (v == null) {
            return Value.UNBOUND;
        }
        return objs.get(obj).summary() ? v.withSym(0) : v;
    }

    /**
     * The names of the body that see a change of {@code changed}: [0] on every execution (they refer to, or reach
     * through one known object per slot, the one changed object), [1] on some, and [2], parallel to [0], how each
     * reaches it: the name itself, or its access path ({@code self.items}, {@code config["tags"]}).
     */
    List<List<String>> seeing(Pts changed, boolean certain, FrameSnapshot at) {
        List<String> must = new ArrayList<>();
        List<String> may = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        State st = at.state();
        boolean singleObj = changed.single() >= 0 && objs.get(changed.single()).singular() && certain;
        for (Map.Entry<String, Value> e : visibleNames(at).entrySet()) {
            Value v = e.getValue();
            String path;
            if (v.pts().intersects(changed)) {
                if (singleObj && v.pts().definitelyBound() && v.pts().equals(changed)) {
                    must.add(e.getKey());
                    paths.add(e.getKey());
                } else {
                    may.add(e.getKey());
                }
            } else if (singleObj && v.pts().definitelyBound()
                    && (path = mustPath(v.pts(), changed.single(), st)) != null) {
                must.add(e.getKey());
                paths.add(e.getKey() + path);
            } else if (reaches(v.pts(), changed, st)) {
                may.add(e.getKey());
            }
        }
        return List.of(must, may, paths);
    }

    /** The name's object holds the target through slots that are one known object each, on every path. */
    boolean mustReach(Pts from, int target, State st) {
        return mustPath(from, target, st) != null;
    }

    /** The slots through which {@link #mustReach} holds ({@code .items["k"]}), or null. */
    private String mustPath(Pts from, int target, State st) {
        int o = from.single();
        StringBuilder path = new StringBuilder();
        for (int depth = 0; depth < 6 && o >= 0; depth++) {
            ObjState s = st.read(o);
            if (s == null || !objs.get(o).singular() || objs.get(o).kind().isCode()
                    || objs.get(o).kind() == ObjKind.FRAME) {
                return null;
            }
            int next = -1;
            FieldKey via = null;
            for (Map.Entry<FieldKey, Value> e : s.fields.entrySet()) {
                if (e.getKey().kind() == FieldKey.Kind.KEY) {
                    continue; // a dict's key object has no subscript path
                }
                int one = e.getValue().pts().single();
                if (one == target) {
                    return path.append(step(e.getKey())).toString();
                }
                if (one >= 0 && next < 0 && (reaches(e.getValue().pts(), Pts.of(target), st))) {
                    next = one;
                    via = e.getKey();
                }
            }
            if (via != null) {
                path.append(step(via));
            }
            o = next;
        }
        return null;
    }

    /** One step of an access path as Python writes it: {@code .items}, {@code ["k"]}, {@code [0]}, {@code [*]}. */
    static String step(FieldKey k) {
        return switch (k.kind()) {
            case ATTR, NAME -> "." + k.key();
            case ITEM -> "[" + (k.key() instanceof String s ? "\"" + s + "\"" : k.key()) + "]";
            case ANY_ITEM -> "[*]";
            case KEY -> ".keys()";
        };
    }

    boolean reaches(Pts from, Pts targets, State st) {
        Deque<Integer> work = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < from.size(); i++) {
            work.push(from.get(i));
        }
        while (!work.isEmpty() && seen.size() < 200) {
            int o = work.pop();
            if (o == Pts.UNBOUND_ID || !seen.add(o)) {
                continue;
            }
            ObjState s = st.read(o);
            if (s == null || objs.get(o).kind().isCode() || objs.get(o).kind() == ObjKind.FRAME) {
                continue;
            }
            for (Value v : s.fields.values()) {
                if (v.pts().intersects(targets)) {
                    return true;
                }
                for (int i = 0; i < v.pts().size(); i++) {
                    work.push(v.pts().get(i));
                }
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ refcounts

    /** References the program holds to the object a name refers to. */
    RefCount refcount(Value v, FrameSnapshot at) {
        return refcount(v, at, null);
    }

    /**
     * @param moduleSlots when known, the slots of the module object holding a given object (a running index of the
     *                    module's names, {@link RunningNames}): the module's slots are then not searched
     */
    RefCount refcount(Value v, FrameSnapshot at, java.util.function.IntFunction<RunningNames.ModuleSlots> moduleSlots) {
        int o = v.pts().single();
        if (o < 0 || !v.pts().definitelyBound()) {
            return RefCount.IMMORTAL.hull(new RefCount(0, RefCount.UNBOUNDED, false));
        }
        State st = at.state();
        AbstractObject ao = objs.get(o);
        ObjState os = st.read(o);
        if (ao.origin() != Origin.ALLOCATED || ao.summary() || os == null) {
            return ao.origin() == Origin.SINGLETON || ao.origin() == Origin.CONSTANT ? RefCount.IMMORTAL
                    : new RefCount(1, RefCount.UNBOUNDED, false);
        }
        if (os.escaped) {
            return new RefCount(1, RefCount.UNBOUNDED, false);
        }
        // roots (the module, the frames of the chain) are live without a walk of the heap; the walk is done only
        // for the first other holder
        Set<Integer> roots = new HashSet<>();
        for (int r : at.roots()) {
            roots.add(r);
        }
        roots.remove(Pts.UNBOUND_ID);
        // only objects written since o was created can hold it, and of a big namespace only the slots whose filter
        // has o are looked at: the holders of a new object bound among 50,000 globals cost a few slots, not the heap
        List<Integer> holders = holdersOf(o, st, moduleSlots);
        Set<Integer> live = null;
        int lo = 0;
        long hi = 0;
        for (int holder : holders) {
            ObjState hs = st.read(holder);
            AbstractObject h = objs.get(holder);
            boolean alive;
            if (roots.contains(holder)) {
                alive = true;
            } else {
                if (live == null) {
                    live = liveObjects(at);
                }
                alive = live.contains(holder);
            }
            if (!alive && !inCycle(holder, st)) {
                continue; // an unreachable holder outside a cycle was freed when its count reached 0
            }
            if (holder == moduleObj && moduleSlots != null) {
                // what the loop below finds slot by slot, counted as the index was kept
                RunningNames.ModuleSlots c = moduleSlots.apply(o);
                if (alive && h.singular()) {
                    lo += c.onlyIt;
                }
                if (c.counted > 0) {
                    hi = h.summary() || c.anyItem > 0 || hs.contentsUnknown ? RefCount.UNBOUNDED
                            : Math.min(hi + c.counted, RefCount.UNBOUNDED);
                }
                continue;
            }
            List<Map.Entry<FieldKey, Value>> slots = new ArrayList<>();
            hs.fields.forEachHolding(o, (k, val) -> slots.add(Map.entry(k, val)));
            for (Map.Entry<FieldKey, Value> fe : slots) {
                Pts p = fe.getValue().pts();
                if (!p.contains(o) || fe.getKey().kind() == FieldKey.Kind.ATTR && fe.getKey().key() instanceof String
                        n && n.startsWith("__closure__")) {
                    continue;
                }
                boolean definite = alive && h.singular() && p.single() == o
                        && fe.getKey().kind() != FieldKey.Kind.ANY_ITEM;
                if (definite) {
                    lo++;
                }
                hi = h.summary() || fe.getKey().kind() == FieldKey.Kind.ANY_ITEM || hs.contentsUnknown
                        ? RefCount.UNBOUNDED : hi + 1;
                if (hi >= RefCount.UNBOUNDED) {
                    hi = RefCount.UNBOUNDED;
                }
            }
        }
        // a for loop's iterator keeps its iterable alive; with-statement managers too
        hi = hi >= RefCount.UNBOUNDED ? hi : hi + at.loopDepth();
        return new RefCount(lo, (int) Math.min(hi, RefCount.UNBOUNDED), false);
    }

    /** The objects with a slot holding {@code o}, in increasing order. */
    private List<Integer> holdersOf(int o, State st, java.util.function.IntFunction<RunningNames.ModuleSlots> moduleSlots) {
        List<Integer> out = new ArrayList<>();
        st.forEachWrittenSinceCreated(o, holder -> {
            ObjState hs = st.read(holder);
            if (holder == moduleObj && moduleSlots != null) {
                if (moduleSlots.apply(o).all > 0) {
                    out.add(holder);
                }
            } else if (hs.fields.mayHold(o)) {
                boolean[] holds = {false};
                hs.fields.forEachHolding(o, (k, v) -> holds[0] |= v.pts().contains(o));
                if (holds[0]) {
                    out.add(holder);
                }
            }
        });
        return out;
    }

    private boolean inCycle(int start, State st) {
        Deque<Integer> work = new ArrayDeque<>();
        Set<Integer> seen = new HashSet<>();
        work.push(start);
        while (!work.isEmpty() && seen.size() < 500) {
            int o = work.pop();
            ObjState s = st.read(o);
            if (s == null) {
                continue;
            }
            for (Value v : s.fields.values()) {
                for (int i = 0; i < v.pts().size(); i++) {
                    int n = v.pts().get(i);
                    if (n == start) {
                        return true;
                    }
                    if (n != Pts.UNBOUND_ID && seen.add(n)) {
                        work.push(n);
                    }
                }
            }
        }
        return seen.size() >= 500;
    }

    private Set<Integer> liveObjects(FrameSnapshot at) {
        Set<Integer> seen = new HashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        for (int r : at.roots()) {
            work.push(r);
        }
        while (!work.isEmpty()) {
            int o = work.pop();
            if (o == Pts.UNBOUND_ID || !seen.add(o)) {
                continue;
            }
            ObjState s = at.state().read(o);
            if (s == null) {
                continue;
            }
            for (Value v : s.fields.values()) {
                for (int i = 0; i < v.pts().size(); i++) {
                    work.push(v.pts().get(i));
                }
            }
        }
        return seen;
    }
}
