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
    /** Every slot of the module by the objects it holds, names left out of the facts included (reference counts). */
    private final Map<Integer, Set<FieldKey>> slotsHolding = new HashMap<>();

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
    List<String> involved(FrameSnapshot at) {
        advance(at);
        Set<String> out = new HashSet<>(unknownOrigin);
        for (long k : sharedKeys) {
            out.addAll(byKey.get(k));
        }
        for (int o : sharedObjects) {
            out.addAll(byObject.get(o));
        }
        for (int o : escaped) {
            out.addAll(byObject.get(o));
        }
        List<String> ordered = new ArrayList<>(out);
        ordered.sort((a, b) -> Integer.compare(bound.get(a).seq(), bound.get(b).seq()));
        return ordered;
    }

    private void advance(FrameSnapshot at) {
        FieldTrie now = namesAt(at);
        Set<Integer> touched = new HashSet<>();
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

    /**
     * The slots of the module holding {@code obj} at the statement the index was last brought to (what a search of
     * the module's slots for the holders of one object finds, without the search).
     */
    Set<FieldKey> moduleSlotsHolding(int obj) {
        return slotsHolding.getOrDefault(obj, Set.of());
    }

    private void holding(FieldTrie.Leaf l, boolean add) {
        Pts p = l.value().pts();
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            if (add) {
                slotsHolding.computeIfAbsent(o, x -> new HashSet<>(2)).add(l.key());
            } else {
                Set<FieldKey> s = slotsHolding.get(o);
                if (s != null && s.remove(l.key()) && s.isEmpty()) {
                    slotsHolding.remove(o);
                }
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
        if (key != 0 && join(byKey, key, n) == 2) {
            sharedKeys.add(key);
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
        if (key != 0 && leave(byKey, key, n) < 2) {
            sharedKeys.remove(key);
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
