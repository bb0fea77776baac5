package dev.memlens.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The module's names as the facts of a file are written statement by statement: an index of which names share a
 * must key or an object, which are of unknown origin and which hold an escaped object, brought up to date from
 * what changed between one snapshot and the next. A statement's alias facts then come from the few names that can
 * be in a group or a pair ({@link #involved}), not from every name of the module: 50,000 module-level statements
 * each looked at every name bound so far, quadratic work for the facts of a linear program.
 * <p>
 * Only for module-level statements reached once (one snapshot) whose namespace is large (a {@link FieldTrie}, whose
 * versions share what did not change); any other statement is worked out the usual way.
 */
final class RunningNames {
    /** From how many names a must group the statement before had too may be written as its change ({@link Change}). */
    static final int GROUP_AS_CHANGE = 1_000;

    private final HeapView heap;
    private FieldTrie names;
    private State state;

    /** Per indexed name: its value and the order it was first bound in. */
    private final Map<String, FieldTrie.Leaf> bound = new HashMap<>();
    private final Map<Long, Set<String>> byKey = new HashMap<>();
    private final Map<Integer, Set<String>> byObject = new HashMap<>();
    /** Must keys and objects held by two names or more: where the groups and pairs are. */
    private final Set<Long> sharedKeys = new HashSet<>();
    private final Set<Integer> sharedObjects = new HashSet<>();
    private final Set<String> unknownOrigin = new HashSet<>();
    /** Objects held by some name that are escaped in {@link #state}. */
    private final Set<Integer> escaped = new HashSet<>();
    /**
     * A must group written as the change of one the previous statement of the scope had: the group that held
     * {@code like} there, with {@code plus} joined and {@code minus} gone (10,000 names bound to one object one
     * after the other listed 50 million names when each statement listed its group in full: 940 MB of facts).
     */
    record Change(String like, List<String> plus, List<String> minus) {
    }

    /** Names that joined or left each must key since the last statement (a name rebound to its key is neither). */
    private final Map<Long, Set<String>> joined = new HashMap<>();
    private final Map<Long, Set<String>> left = new HashMap<>();
    /** The big must groups of the last statement written as changes instead of listed in full. */
    private List<Change> changes = List.of();

    /** Per object, how the module's slots hold it (names left out of the facts included): reference counts. */
    private final Map<Integer, ModuleSlots> slotsHolding = new HashMap<>();

    /**
     * How many slots of the module hold one object: in all, counted as references (not a function's closure cell),
     * holding only it (outside any-item slots), and any-item slots. What {@link HeapView#refcount} finds by looking at
     * each slot, without looking (10,000 names bound to one object were 50 million slots looked at).
     */
    static final class ModuleSlots {
        static final ModuleSlots NONE = new ModuleSlots();
        int all;
        int counted;
        int onlyIt;
        int anyItem;
    }

    RunningNames(HeapView heap) {
        this.heap = heap;
    }

    /** Can the facts at {@code at} come from this index? */
    boolean covers(FrameSnapshot at) {
        return at.scope().kind() == dev.memlens.semantics.ScopeKind.MODULE && namesAt(at) != null;
    }

    private FieldTrie namesAt(FrameSnapshot at) {
        ObjState m = at.state().read(heap.moduleObj());
        return m == null ? null : m.fields.trie();
    }

    /**
     * Brings the index to {@code at} ({@link #covers} it) and returns the names whose facts can be in a must group
     * or a may pair there, in the order the names were first bound: those sharing a must key or an object with
     * another name, those of unknown origin, and those holding an escaped object.
     */
    List<String> involved(FrameSnapshot at, boolean followsLast) {
        boolean chained = followsLast && names != null;
        advance(at);
        if (unknownOrigin.isEmpty() && sharedKeys.isEmpty() && sharedObjects.isEmpty() && escaped.isEmpty()) {
            changes = List.of();
            return List.of(); // nothing shared: the usual statement of a long module of distinct objects
        }
        Set<String> out = new HashSet<>(unknownOrigin);
        List<Change> written = new ArrayList<>();
        Set<Integer> skipped = new HashSet<>();
        for (long k : sharedKeys) {
            Change c = chained ? asChange(k) : null;
            if (c != null) {
                written.add(c);
                skipped.add((int) k);
            } else {
                out.addAll(byKey.get(k));
            }
        }
        for (int o : sharedObjects) {
            if (!skipped.contains(o)) {
                out.addAll(byObject.get(o));
            }
        }
        for (int o : escaped) {
            out.addAll(byObject.get(o));
        }
        written.sort((a, b) -> Integer.compare(bound.get(a.like()).seq(), bound.get(b.like()).seq()));
        changes = List.copyOf(written);
        List<String> ordered = new ArrayList<>(out);
        ordered.sort((a, b) -> Integer.compare(bound.get(a).seq(), bound.get(b).seq()));
        return ordered;
    }

    /** The big must groups written as changes by the last {@link #involved} (their names are not among those). */
    List<Change> changes() {
        return changes;
    }

    /**
     * Key {@code k}'s group as the change of the group the statement before had, when it is big, and its names are
     * in no may pair: they hold the key's one object, which no other name holds, that has not escaped and is not of
     * unknown origin; else null (the group is worked out with the other names).
     */
    private Change asChange(long k) {
        Set<String> members = byKey.get(k);
        if (k <= 0 || members.size() < GROUP_AS_CHANGE) {
            return null;
        }
        int o = (int) k;
        Set<String> holders = byObject.get(o);
        if (holders == null || holders.size() != members.size() || escaped.contains(o)
                || heap.objects().get(o).origin() == Origin.UNKNOWN) {
            return null;
        }
        Set<String> plus = joined.getOrDefault(k, Set.of());
        Set<String> minus = left.getOrDefault(k, Set.of());
        if (members.size() - plus.size() + minus.size() < 2) {
            return null; // no group before
        }
        for (String like : members) {
            if (!plus.contains(like)) {
                List<String> p = new ArrayList<>(plus);
                List<String> m = new ArrayList<>(minus);
                java.util.Collections.sort(p);
                java.util.Collections.sort(m);
                return new Change(like, List.copyOf(p), List.copyOf(m));
            }
        }
        return null;
    }

    private void advance(FrameSnapshot at) {
        FieldTrie now = namesAt(at);
        Set<Integer> touched = new HashSet<>();
        joined.clear();
        left.clear();
        if (names == null) {
            for (FieldTrie.Leaf l : now.leaves()) {
                add(l, touched);
            }
        } else {
            FieldTrie.diff(names, now, (before, after) -> {
                if (before != null) {
                    remove(before, touched);
                }
                if (after != null) {
                    add(after, touched);
                }
            });
            // objects written since the last snapshot may have escaped meanwhile
            at.state().forEachChangedSince(state, o -> {
                if (byObject.containsKey(o)) {
                    touched.add(o);
                }
            });
        }
        for (int o : touched) {
            ObjState os = at.state().read(o);
            if (byObject.containsKey(o) && os != null && os.escaped) {
                escaped.add(o);
            } else {
                escaped.remove(o);
            }
        }
        names = now;
        state = at.state();
    }

    private boolean indexed(FieldTrie.Leaf l) {
        return l.key().kind() == FieldKey.Kind.NAME && !StatementFacts.leftOut(l.value().pts(), heap.objects());
    }

    /** How the module's slots hold {@code obj} at the statement the index was last brought to. */
    ModuleSlots moduleSlotsHolding(int obj) {
        return slotsHolding.getOrDefault(obj, ModuleSlots.NONE);
    }

    private void holding(FieldTrie.Leaf l, boolean add) {
        Pts p = l.value().pts();
        FieldKey k = l.key();
        boolean counted = !(k.kind() == FieldKey.Kind.ATTR && k.key() instanceof String n
                && n.startsWith("__closure__"));
        int d = add ? 1 : -1;
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            ModuleSlots c = slotsHolding.computeIfAbsent(o, x -> new ModuleSlots());
            c.all += d;
            if (counted) {
                c.counted += d;
                c.onlyIt += p.single() == o && k.kind() != FieldKey.Kind.ANY_ITEM ? d : 0;
                c.anyItem += k.kind() == FieldKey.Kind.ANY_ITEM ? d : 0;
            }
            if (c.all == 0) {
                slotsHolding.remove(o);
            }
        }
    }

    private void add(FieldTrie.Leaf l, Set<Integer> touched) {
        holding(l, true);
        if (!indexed(l)) {
            return;
        }
        String n = (String) l.key().key();
        bound.put(n, l);
        Value v = l.value();
        long key = StatementFacts.mustKey(v, heap.objects());
        if (key != 0) {
            if (join(byKey, key, n) == 2) {
                sharedKeys.add(key);
            }
            if (!undo(left, key, n)) {
                joined.computeIfAbsent(key, x -> new HashSet<>()).add(n);
            }
        }
        Pts p = v.pts();
        ObjectTable objs = heap.objects();
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            if (join(byObject, o, n) == 2) {
                sharedObjects.add(o);
            }
            touched.add(o);
            if (objs.get(o).origin() == Origin.UNKNOWN) {
                unknownOrigin.add(n);
            }
        }
    }

    private void remove(FieldTrie.Leaf l, Set<Integer> touched) {
        holding(l, false);
        if (!indexed(l)) {
            return;
        }
        String n = (String) l.key().key();
        bound.remove(n);
        unknownOrigin.remove(n);
        long key = StatementFacts.mustKey(l.value(), heap.objects());
        if (key != 0) {
            if (leave(byKey, key, n) < 2) {
                sharedKeys.remove(key);
            }
            if (!undo(joined, key, n)) {
                left.computeIfAbsent(key, x -> new HashSet<>()).add(n);
            }
        }
        Pts p = l.value().pts();
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            if (o != Pts.UNBOUND_ID) {
                if (leave(byObject, o, n) < 2) {
                    sharedObjects.remove(o);
                }
                touched.add(o);
            }
        }
    }

    /** Takes back a join or a leave of this statement: true when there was one. */
    private static boolean undo(Map<Long, Set<String>> moves, long key, String n) {
        Set<String> s = moves.get(key);
        return s != null && s.remove(n);
    }

    /** Adds {@code n} under {@code k}; the number of names under it now. */
    private static <K> int join(Map<K, Set<String>> index, K k, String n) {
        Set<String> s = index.computeIfAbsent(k, x -> new LinkedHashSet<>(2));
        s.add(n);
        return s.size();
    }

    private static <K> int leave(Map<K, Set<String>> index, K k, String n) {
        Set<String> s = index.get(k);
        if (s == null) {
            return 0;
        }
        s.remove(n);
        if (s.isEmpty()) {
            index.remove(k);
            return 0;
        }
        return s.size();
    }
}
