package dev.memlens.analysis;

import dev.memlens.syntax.ast.Stmt;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What holds after one simple statement, over every way the analysis reached it (each call context, each
 * standalone run): must-alias groups hold on all of them, may-alias pairs on some. Names are those of the
 * statement's scope (locals and free variables; globals at module level); names bound to functions, classes and
 * modules are left out.
 * <p>
 * The analysis keeps only a snapshot of the state per visit ({@link FrameSnapshot}, sharing what did not change
 * with its neighbours); the per-name facts are worked out from the snapshots on the first question and cached
 * softly (the garbage collector may drop them and they are worked out again).
 */
public final class StatementFacts {
    private static final FrameSnapshot[] NO_VISITS = new FrameSnapshot[0];
    /** From how many pairs on the cross pairs of unknown and escaped names are one {@link Across} group. */
    static final int ACROSS_MIN_PAIRS = 1_000;
    /** From how many names holding one object on (and no two of them must-aliased) they are listed as one group. */
    static final int HOLDERS_AS_GROUP = 16;

    private final Stmt stmt;
    private final String scope;
    private final HeapView heap;
    /** Names whose reference counts are reported: the statement's name targets or the names passed to calls. */
    private final List<String> refcountTargets;
    private FrameSnapshot[] visits = NO_VISITS;
    private boolean unknown;
    private SoftReference<Summary> summary;
    /** The facts of only the involved names while {@link FactsReport} writes this statement (see {@link #pin}). */
    private Summary pinned;
    /** {@link #mustAliasOf} answers worked out without the summary (alias and refcount hints ask the same names). */
    private Map<String, List<String>> groupsAsked;

    private static final class NameRecord {
        long[] keys = new long[2];
        int n;
        Pts pts = Pts.EMPTY;
        boolean unknownOrigin;
        boolean escaped;
        boolean allImmutable = true;
    }

    private record CountLater(int visit, FrameSnapshot at, Map<String, Value> values) {
    }

    /** The per-name facts over all visits, and the answers derived from them. */
    private static final class Summary {
        final Map<String, NameRecord> names = new LinkedHashMap<>();
        /** Per visit that wants reference counts: the targets' values, counted only when asked for. */
        final List<CountLater> countLater = new ArrayList<>();
        Map<String, RefCount> refcounts;
        List<List<String>> must;
        List<List<String>> may;
        /** Worked out with {@link #may}. */
        List<Across> across;
        Map<String, Pts> pointsTo;
        /** Big must groups written as the change of the statement before's (not in {@link #must}). */
        List<RunningNames.Change> mustChanges = List.of();
        /** The module's slots holding an object, while a running index knows them (see {@link RunningNames}). */
        java.util.function.IntFunction<RunningNames.ModuleSlots> moduleSlots;
    }

    StatementFacts(Stmt stmt, String scope, HeapView heap, List<String> refcountTargets) {
        this.stmt = stmt;
        this.scope = scope;
        this.heap = heap;
        this.refcountTargets = refcountTargets;
    }

    public Stmt stmt() {
        return stmt;
    }

    HeapView heap() {
        return heap;
    }

    /** {@code <module>} or the function's {@code __qualname__}. */
    public String scope() {
        return scope;
    }

    /** The analysis gave up on this statement (budget): nothing is claimed. */
    public boolean unknown() {
        return unknown || visits.length == 0;
    }

    void markUnknown() {
        unknown = true;
    }

    void visit(FrameSnapshot at) {
        visits = Arrays.copyOf(visits, visits.length + 1);
        visits[visits.length - 1] = at;
        summary = null;
        groupsAsked = null;
    }

    /**
     * Until {@link #unpin}, the alias groups and reference counts come from the names {@code running} says are
     * involved (the same answers, at the cost of what changed since the statement before), when its index covers
     * this statement; true when it does. The points-to sets and contents are still worked out from every name.
     *
     * @param followsLast the statement written before this one in its scope was pinned to {@code running}: its big
     *                    must groups may be written as changes of that one's ({@link #mustAliasChanges})
     */
    synchronized boolean pin(RunningNames running, boolean followsLast) {
        pinned = summarizeInvolved(running, followsLast);
        return pinned != null;
    }

    /**
     * While pinned ({@link #pin} with {@code followsLast}: the statement written before in this scope was pinned to
     * the same index), the big must groups written as the change of that statement's; they are not in
     * {@link #mustAlias()} then.
     */
    synchronized List<RunningNames.Change> mustAliasChanges() {
        return pinned == null ? List.of() : pinned.mustChanges;
    }

    synchronized void unpin() {
        pinned = null;
    }

    private Summary facts() {
        return pinned != null ? pinned : summary();
    }

    /** Editor requests may ask from several threads: the summary and the answers cached in it are made once. */
    private synchronized Summary summary() {
        Summary s = summary == null ? null : summary.get();
        if (s == null) {
            s = summarize();
            summary = new SoftReference<>(s);
        }
        return s;
    }

    private Summary summarize() {
        Summary out = new Summary();
        for (int visit = 0; visit < visits.length; visit++) {
            FrameSnapshot at = visits[visit];
            Map<String, Value> names = heap.visibleNames(at);
            for (Map.Entry<String, Value> e : names.entrySet()) {
                note(out, visit, at, e.getKey(), e.getValue());
            }
            countLater(out, visit, at, names::get);
        }
        return out;
    }

    /**
     * The summary of only the names {@code running} says can be in a group or a pair (the must and may groups and
     * the reference counts are the same as from every name), or null when its index does not cover this statement.
     */
    private Summary summarizeInvolved(RunningNames running, boolean followsLast) {
        if (visits.length != 1 || unknown || !running.covers(visits[0])) {
            return null;
        }
        FrameSnapshot at = visits[0];
        Summary out = new Summary();
        for (String n : running.involved(at, followsLast)) {
            note(out, 0, at, n, heap.visibleName(at, n));
        }
        out.mustChanges = running.changes();
        countLater(out, 0, at, n -> heap.visibleName(at, n));
        out.moduleSlots = running::moduleSlotsHolding;
        return out;
    }

    private void note(Summary out, int visit, FrameSnapshot at, String name, Value v) {
        ObjectTable objs = heap.objects();
        Pts p = v.pts();
        if (leftOut(p, objs)) {
            return;
        }
        long key = mustKey(v, objs);
        NameRecord r = out.names.computeIfAbsent(name, k -> new NameRecord());
        while (r.n < visit) { // absent in earlier visits: not a must there
            add(r, 0);
        }
        add(r, key);
        r.pts = r.pts.union(p);
        r.unknownOrigin |= p.anyMatch(o -> objs.get(o).origin() == Origin.UNKNOWN);
        r.escaped |= p.anyMatch(o -> {
            ObjState os = at.state().read(o);
            return os != null && os.escaped;
        });
        r.allImmutable &= p.allMatch(o -> !objs.get(o).kind().mutable());
    }

    private void countLater(Summary out, int visit, FrameSnapshot at, java.util.function.Function<String, Value> names) {
        if (at.roots() != null && !refcountTargets.isEmpty()) {
            Map<String, Value> values = new LinkedHashMap<>();
            for (String t : refcountTargets) {
                Value v = names.apply(t);
                if (v != null) {
                    values.put(t, v);
                }
            }
            out.countLater.add(new CountLater(visit, at, values));
        }
    }

    /** Names left out of the facts: unbound, or bound only to functions, classes and modules. */
    static boolean leftOut(Pts p, ObjectTable objs) {
        return p.isEmpty() || p.equals(Pts.UNBOUND) || p.allMatch(o -> objs.get(o).kind().isCode());
    }

    /** What a name must hold in one visit for two names to be must-aliases there: equal keys; 0 for none. */
    static long mustKey(Value v, ObjectTable objs) {
        Pts p = v.pts();
        if (!p.definitelyBound()) {
            return 0;
        }
        int one = p.single();
        if (one >= 0 && objs.get(one).singular() && objs.get(one).origin() != Origin.UNKNOWN
                || one >= 0 && objs.get(one).origin() == Origin.UNKNOWN && !objs.get(one).summary()
                && objs.get(one).constant() == null && objs.get(one).site() != null) {
            return one;
        }
        return v.sym() != 0 ? -(long) v.sym() : 0;
    }

    /**
     * The group of {@link #mustAlias()} that holds {@code name}, or an empty list: the same answer, without working
     * out every name in scope when the summary is not made yet (hints ask this for the few names a statement binds;
     * at module level a scope may hold thousands).
     */
    public synchronized List<String> mustAliasOf(String name) {
        if (unknown()) {
            return List.of();
        }
        Summary made = summary == null ? null : summary.get();
        if (made != null) {
            for (List<String> g : mustAlias()) {
                if (g.contains(name)) {
                    return g;
                }
            }
            return List.of();
        }
        List<String> known = groupsAsked == null ? null : groupsAsked.get(name);
        if (known == null) {
            known = groupOf(name);
            if (groupsAsked == null) {
                groupsAsked = new HashMap<>(4);
            }
            groupsAsked.put(name, known);
        }
        return known;
    }

    private List<String> groupOf(String name) {
        ObjectTable objs = heap.objects();
        List<String> group = null;
        for (int visit = 0; visit < visits.length; visit++) {
            FrameSnapshot at = visits[visit];
            Value mine = heap.visibleName(at, name);
            long key = mine == null || leftOut(mine.pts(), objs) ? 0 : mustKey(mine, objs);
            if (key == 0) {
                return List.of();
            }
            if (group == null) { // the first visit: every name with the same key
                List<String> same = new ArrayList<>();
                java.util.function.BiConsumer<String, Value> sameKey = (n, v) -> {
                    // a key is the one object held or the value's symbol: most names fail this cheap test
                    boolean maySame = v.pts().single() == key || -(long) v.sym() == key;
                    if (maySame && !leftOut(v.pts(), objs) && mustKey(v, objs) == key) {
                        same.add(n);
                    }
                };
                if (key > 0) { // the one object held (symbols are negative keys): only names that may hold it
                    heap.forEachVisibleNameHolding(at, (int) key, sameKey);
                } else {
                    heap.forEachVisibleName(at, sameKey);
                }
                group = same;
            } else { // later visits: those of the group that keep the same key as the name
                group.removeIf(n -> {
                    Value v = heap.visibleName(at, n);
                    return v == null || leftOut(v.pts(), objs) || mustKey(v, objs) != key;
                });
            }
        }
        if (group == null || group.size() < 2) {
            return List.of();
        }
        Collections.sort(group);
        return Collections.unmodifiableList(group);
    }

    /** {@code pointsTo().get(name)}, without working out every name in scope when the summary is not made yet. */
    public synchronized Pts pointsToOf(String name) {
        Summary made = summary == null ? null : summary.get();
        if (made != null) {
            return pointsTo().get(name);
        }
        ObjectTable objs = heap.objects();
        Pts out = null;
        for (FrameSnapshot at : visits) {
            Value v = heap.visibleName(at, name);
            if (v != null && !leftOut(v.pts(), objs)) {
                out = out == null ? v.pts() : out.union(v.pts());
            }
        }
        return out;
    }

    private static void add(NameRecord r, long k) {
        if (r.n == r.keys.length) {
            r.keys = Arrays.copyOf(r.keys, r.n * 2);
        }
        r.keys[r.n++] = k;
    }

    /** Groups (size >= 2) of names that are one object after this statement on every execution. */
    public synchronized List<List<String>> mustAlias() {
        if (unknown()) {
            return List.of();
        }
        Summary s = facts();
        if (s.must == null) {
            s.must = mustGroups(s);
        }
        return s.must;
    }

    private List<List<String>> mustGroups(Summary s) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, NameRecord> e : s.names.entrySet()) {
            NameRecord r = e.getValue();
            if (r.n != visits.length) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < r.n; i++) {
                all &= r.keys[i] != 0;
            }
            if (!all) {
                continue;
            }
            groups.computeIfAbsent(Arrays.toString(Arrays.copyOf(r.keys, r.n)), k -> new ArrayList<>())
                    .add(e.getKey());
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups.values()) {
            if (g.size() > 1) {
                Collections.sort(g);
                out.add(Collections.unmodifiableList(g));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Groups of names any two of which may be one object after this statement on some execution: pairs that are not
     * must-aliased, and one group of the names of unknown origin (which may include must-aliased ones). The pairs
     * {@link #mayAliasAcross()} states are not repeated here.
     */
    public synchronized List<List<String>> mayAlias() {
        Summary s = facts();
        if (s.may == null) {
            s.may = mayPairs(s);
        }
        return s.may;
    }

    /**
     * Every name of {@code left} may be the object of every name of {@code right} (not two names of one side: that
     * is said, if at all, by {@link #mayAlias()}).
     */
    public record Across(List<String> left, List<String> right) {
    }

    /**
     * May-alias pairs too many to list one by one, as cross groups: the names of unknown origin against the escaped
     * names outside them, when that is at least {@value #ACROSS_MIN_PAIRS} pairs; else empty and
     * {@link #mayAlias()} lists them.
     */
    public synchronized List<Across> mayAliasAcross() {
        Summary s = facts();
        if (s.may == null) {
            s.may = mayPairs(s);
        }
        return s.across;
    }

    /**
     * Groups of names that may refer to one object (any two names of a group may): pairs from names sharing an
     * object (an index from object to names, not a test of every pair) and from names of unknown origin meeting
     * escaped objects, and one group of all the names of unknown origin that may hold a mutable object.
     */
    private List<List<String>> mayPairs(Summary s) {
        if (s.names.size() < 2) { // no pair (most statements of a long module, once only involved names are seen)
            s.across = List.of();
            return List.of();
        }
        List<String> keys = new ArrayList<>(s.names.keySet());
        List<NameRecord> recs = new ArrayList<>(s.names.values());
        Map<String, String> mustGroupOf = new HashMap<>();
        for (List<String> g : mustAlias()) {
            for (String n : g) {
                mustGroupOf.put(n, g.get(0));
            }
        }
        // the must group of each name (a group of its own when it has none): no pair is listed within one
        int[] groupOf = new int[keys.size()];
        Map<String, Integer> groupIds = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String g = mustGroupOf.get(keys.get(i));
            groupOf[i] = g == null ? -1 - i : groupIds.computeIfAbsent(g, x -> groupIds.size());
        }
        // pairs of names that are both immutable-only are never listed: leave them out from the start
        Map<Integer, List<Integer>> byObject = new HashMap<>();
        List<Integer> unknownOrigin = new ArrayList<>();
        List<Integer> meetsUnknown = new ArrayList<>();
        List<Integer> meetsUnknownMutable = new ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            NameRecord r = recs.get(i);
            Pts p = r.pts;
            for (int k = 0; k < p.size(); k++) {
                if (p.get(k) != Pts.UNBOUND_ID) {
                    byObject.computeIfAbsent(p.get(k), x -> new ArrayList<>()).add(i);
                }
            }
            if (r.unknownOrigin) {
                unknownOrigin.add(i);
            }
            if (r.unknownOrigin || r.escaped) {
                meetsUnknown.add(i);
                if (!r.allImmutable) {
                    meetsUnknownMutable.add(i);
                }
            }
        }
        PairList pairs = new PairList();
        List<List<String>> holderGroups = new ArrayList<>();
        List<List<Integer>> holderGroupsOf = new ArrayList<>();
        for (int i = 0; i < recs.size(); i++) {
            holderGroupsOf.add(List.of());
        }
        for (List<Integer> holders : byObject.values()) {
            // holders by must group, so a pair within one group is never generated: 10,000 names bound to one
            // object are one group, and testing their 50 million pairs after every statement was cubic
            Map<Integer, List<Integer>> byGroup = new LinkedHashMap<>();
            for (int h : holders) {
                byGroup.computeIfAbsent(groupOf[h], x -> new ArrayList<>()).add(h);
            }
            if (holders.size() >= HOLDERS_AS_GROUP && byGroup.size() == holders.size()
                    && holders.stream().filter(h -> recs.get(h).allImmutable).count() <= 1) {
                // every two of them may be the one object (no must group, at most one immutable-only name among
                // them): one group says each pair (a package's __init__ listed 57,000 pairs of 338 names sharing a
                // summary object after each of its statements, 200 MB of facts)
                List<String> g = new ArrayList<>();
                for (int h : holders) {
                    g.add(keys.get(h));
                    List<Integer> in = new ArrayList<>(holderGroupsOf.get(h));
                    in.add(holderGroups.size());
                    holderGroupsOf.set(h, in);
                }
                Collections.sort(g);
                holderGroups.add(Collections.unmodifiableList(g));
                continue;
            }
            for (int a : holders) {
                if (recs.get(a).allImmutable) {
                    continue;
                }
                for (Map.Entry<Integer, List<Integer>> g : byGroup.entrySet()) {
                    if (g.getKey() != groupOf[a]) {
                        for (int b : g.getValue()) {
                            pairs.add(pair(a, b));
                        }
                    }
                }
            }
        }
        // Names of unknown origin that may hold a mutable object may all be one object: one group says so for every
        // pair of them. (After `from m import *` a module's thousands of names are such: listing their pairs after
        // every statement made the facts of one 2,700-line file 250 MB.)
        boolean[] inClique = new boolean[recs.size()];
        List<String> clique = new ArrayList<>();
        for (int i : unknownOrigin) {
            if (!recs.get(i).allImmutable) {
                inClique[i] = true;
                clique.add(keys.get(i));
            }
        }
        List<Integer> meetsUnknownOutside = new ArrayList<>();
        for (int j : meetsUnknown) {
            if (!inClique[j]) {
                meetsUnknownOutside.add(j);
            }
        }
        // Every name of the group against every escaped name outside it: one cross group when that is many pairs
        // (a package's __init__ with 500 such names beside 120 escaped ones listed 60,000 pairs after each statement)
        boolean[] across = new boolean[recs.size()];
        if ((long) clique.size() * meetsUnknownOutside.size() >= ACROSS_MIN_PAIRS
                && !sharesMustGroup(unknownOrigin, inClique, meetsUnknownOutside, groupOf)) {
            List<String> right = new ArrayList<>();
            for (int j : meetsUnknownOutside) {
                across[j] = true;
                right.add(keys.get(j));
            }
            List<String> left = new ArrayList<>(clique);
            Collections.sort(left);
            Collections.sort(right);
            s.across = List.of(new Across(Collections.unmodifiableList(left), Collections.unmodifiableList(right)));
        } else {
            s.across = List.of();
        }
        for (int i : unknownOrigin) {
            for (int j : inClique[i] ? meetsUnknownOutside : meetsUnknownMutable) {
                if (j != i && !(inClique[i] && across[j])) {
                    pairs.add(pair(i, j));
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        if (clique.size() > 1) {
            Collections.sort(clique);
            out.add(Collections.unmodifiableList(clique));
        }
        holderGroups.sort(java.util.Comparator.comparing((List<String> g) -> g.get(0)).thenComparing(List::size));
        out.addAll(holderGroups);
        for (long p : pairs.sortedDistinct()) {
            int i = (int) (p >>> 32);
            int j = (int) p;
            if (inClique[i] && across[j] || inClique[j] && across[i]) {
                continue; // said by the cross group
            }
            if (!holderGroupsOf.get(i).isEmpty() && !java.util.Collections.disjoint(holderGroupsOf.get(i),
                    holderGroupsOf.get(j))) {
                continue; // said by a group of holders
            }
            NameRecord a = recs.get(i);
            NameRecord b = recs.get(j);
            if (a.allImmutable && b.allImmutable) {
                continue;
            }
            String ga = mustGroupOf.get(keys.get(i));
            if (ga != null && ga.equals(mustGroupOf.get(keys.get(j)))) {
                continue;
            }
            List<String> pr = new ArrayList<>(List.of(keys.get(i), keys.get(j)));
            Collections.sort(pr);
            out.add(Collections.unmodifiableList(pr));
        }
        return Collections.unmodifiableList(out);
    }

    /** A must group meeting both sides: its pairs are never may pairs, so the cross group would claim too much. */
    private static boolean sharesMustGroup(List<Integer> unknownOrigin, boolean[] inClique, List<Integer> outside,
                                           int[] groupOf) {
        java.util.Set<Integer> left = new java.util.HashSet<>();
        for (int i : unknownOrigin) {
            if (inClique[i]) {
                left.add(groupOf[i]);
            }
        }
        for (int j : outside) {
            if (left.contains(groupOf[j])) {
                return true;
            }
        }
        return false;
    }

    /** Pairs as longs, sorted and without duplicates at the end (cheaper than a set of boxed longs). */
    private static final class PairList {
        long[] items = new long[16];
        int n;

        void add(long p) {
            if (n == items.length) {
                items = Arrays.copyOf(items, n * 2);
            }
            items[n++] = p;
        }

        long[] sortedDistinct() {
            long[] a = Arrays.copyOf(items, n);
            Arrays.sort(a);
            int m = 0;
            for (int i = 0; i < a.length; i++) {
                if (m == 0 || a[m - 1] != a[i]) {
                    a[m++] = a[i];
                }
            }
            return Arrays.copyOf(a, m);
        }
    }

    /** The pair (i, j), i < j, in the order the names were first seen (the order pairs are listed in). */
    private static long pair(int a, int b) {
        int i = Math.min(a, b);
        int j = Math.max(a, b);
        return ((long) i << 32) | j;
    }

    /** Reference counts of the objects the statement bound, by name (see {@link RefCount}). */
    public synchronized Map<String, RefCount> refcounts() {
        if (unknown()) {
            return Map.of();
        }
        Summary s = facts();
        if (s.refcounts == null) {
            // a holder scan per name and visit: only for the statements whose counts someone reads
            Map<String, RefCount> counts = new LinkedHashMap<>();
            for (CountLater later : s.countLater) {
                for (Map.Entry<String, Value> e : later.values().entrySet()) {
                    RefCount rc = heap.refcount(e.getValue(), later.at(), s.moduleSlots);
                    RefCount old = counts.get(e.getKey());
                    counts.put(e.getKey(), old == null ? (later.visit() == 0 ? rc : RefCount.IMMORTAL.hull(rc))
                            : old.hull(rc));
                }
            }
            s.refcounts = Collections.unmodifiableMap(counts);
        }
        return s.refcounts;
    }

    /** Every name seen after the statement with the objects it may refer to (union over visits). */
    public synchronized Map<String, Pts> pointsTo() {
        Summary s = summary();
        if (s.pointsTo == null) {
            Map<String, Pts> m = new LinkedHashMap<>();
            s.names.forEach((k, v) -> m.put(k, v.pts));
            s.pointsTo = Collections.unmodifiableMap(m);
        }
        return s.pointsTo;
    }

    /** One slot of an object: an attribute ({@code .name}), an item ({@code [0]}, {@code ['k']}) or any item. */
    public record Slot(String label, Pts objects, boolean may) {
    }

    /**
     * The attributes and items of {@code obj} after the statement, over every visit: a slot that some visit lacks,
     * that differs between visits, or that may hold more than one object is a may-slot; so is every slot of a
     * summary object (it stands for many). Names of frames and modules are not slots here.
     */
    public List<Slot> contents(int obj) {
        Map<FieldKey, Pts> joined = new LinkedHashMap<>();
        Map<FieldKey, Integer> seenIn = new HashMap<>();
        java.util.Set<FieldKey> differs = new java.util.HashSet<>();
        int visited = 0;
        for (FrameSnapshot at : visits) {
            ObjState os = at.state().read(obj);
            if (os == null) {
                continue;
            }
            visited++;
            for (Map.Entry<FieldKey, Value> e : os.fields.entrySet()) {
                FieldKey key = e.getKey();
                if (key.kind() == FieldKey.Kind.NAME || key.kind() == FieldKey.Kind.KEY) {
                    continue; // a dict's keys are shown by its entries, not as a slot of their own
                }
                Pts p = e.getValue().pts();
                Pts before = joined.putIfAbsent(key, p);
                if (before != null && !before.equals(p)) {
                    joined.put(key, before.union(p));
                    differs.add(key);
                }
                seenIn.merge(key, 1, Integer::sum);
            }
        }
        boolean many = obj >= 0 && obj < heap.objects().size() && heap.objects().get(obj).summary();
        List<Slot> out = new ArrayList<>();
        for (Map.Entry<FieldKey, Pts> e : joined.entrySet()) {
            Pts p = e.getValue().withoutUnbound();
            if (p.isEmpty()) {
                continue;
            }
            boolean may = many || differs.contains(e.getKey()) || seenIn.get(e.getKey()) < visited
                    || p.size() > 1 || !e.getValue().definitelyBound()
                    || e.getKey().kind() == FieldKey.Kind.ANY_ITEM;
            out.add(new Slot(e.getKey().toString(), p, may));
        }
        return out;
    }

    /**
     * References the program holds to {@code obj} after the statement, over every visit (as {@link #refcounts()}
     * counts them: names, cells, slots, attributes, defaults); null when a visit kept no roots to count from.
     */
    public synchronized RefCount refcountOf(int obj) {
        RefCount out = null;
        for (FrameSnapshot at : visits) {
            if (at.roots() == null) {
                return null;
            }
            RefCount rc = heap.refcount(new Value(Pts.of(obj), 0), at);
            out = out == null ? rc : out.hull(rc);
        }
        return out;
    }

    /**
     * How many items {@code obj} has after the statement when that is exact on every visit (lists and tuples whose
     * items are tracked by position, nothing unknown stored in them), else -1.
     */
    public int knownLength(int obj) {
        int length = -1;
        for (FrameSnapshot at : visits) {
            ObjState os = at.state().read(obj);
            if (os == null) {
                continue;
            }
            if (os.contentsUnknown || os.length < 0 || length >= 0 && length != os.length) {
                return -1;
            }
            length = os.length;
        }
        return length;
    }
}
