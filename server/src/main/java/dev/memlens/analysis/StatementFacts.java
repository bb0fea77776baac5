package dev.memlens.analysis;

import dev.memlens.syntax.ast.Stmt;
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
 */
public final class StatementFacts {
    private final Stmt stmt;
    private final String scope;
    private int visits;
    private boolean unknown;
    private final Map<String, NameRecord> names = new LinkedHashMap<>();
    private final Map<String, RefCount> refcounts = new LinkedHashMap<>();

    private static final class NameRecord {
        long[] keys = new long[2];
        int n;
        Pts pts = Pts.EMPTY;
        boolean unknownOrigin;
        boolean escaped;
        boolean allImmutable = true;
        int visitsSeen;
    }

    StatementFacts(Stmt stmt, String scope) {
        this.stmt = stmt;
        this.scope = scope;
    }

    public Stmt stmt() {
        return stmt;
    }

    /** {@code <module>} or the function's {@code __qualname__}. */
    public String scope() {
        return scope;
    }

    /** The analysis gave up on this statement (budget): nothing is claimed. */
    public boolean unknown() {
        return unknown || visits == 0;
    }

    void markUnknown() {
        unknown = true;
    }

    int beginVisit() {
        return visits++;
    }

    /**
     * One name's state in the current visit. {@code mustKey} identifies the concrete object (0: not definitely one
     * known object).
     */
    void name(int visit, String name, long mustKey, Pts pts, boolean unknownOrigin, boolean escaped,
              boolean immutable) {
        NameRecord r = names.computeIfAbsent(name, k -> new NameRecord());
        while (r.n < visit) { // absent in earlier visits: not a must there
            add(r, 0);
        }
        add(r, mustKey);
        r.pts = r.pts.union(pts);
        r.unknownOrigin |= unknownOrigin;
        r.escaped |= escaped;
        r.allImmutable &= immutable;
        r.visitsSeen++;
    }

    private static void add(NameRecord r, long k) {
        if (r.n == r.keys.length) {
            r.keys = Arrays.copyOf(r.keys, r.n * 2);
        }
        r.keys[r.n++] = k;
    }

    void refcount(String name, RefCount rc, boolean firstVisit) {
        RefCount old = refcounts.get(name);
        refcounts.put(name, old == null ? (firstVisit ? rc : RefCount.IMMORTAL.hull(rc)) : old.hull(rc));
    }

    /** Groups (size >= 2) of names that are one object after this statement on every execution. */
    public List<List<String>> mustAlias() {
        if (unknown()) {
            return List.of();
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, NameRecord> e : names.entrySet()) {
            NameRecord r = e.getValue();
            if (r.n != visits) {
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
                out.add(g);
            }
        }
        return out;
    }

    /** Pairs of names that may be one object after this statement on some execution but are not must-aliased. */
    public List<List<String>> mayAlias() {
        List<String> keys = new ArrayList<>(names.keySet());
        Map<String, String> mustGroupOf = new HashMap<>();
        for (List<String> g : mustAlias()) {
            for (String n : g) {
                mustGroupOf.put(n, g.get(0));
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            NameRecord a = names.get(keys.get(i));
            for (int j = i + 1; j < keys.size(); j++) {
                NameRecord b = names.get(keys.get(j));
                if (a.allImmutable && b.allImmutable) {
                    continue;
                }
                String ga = mustGroupOf.get(keys.get(i));
                if (ga != null && ga.equals(mustGroupOf.get(keys.get(j)))) {
                    continue;
                }
                boolean may = a.pts.intersects(b.pts) || a.unknownOrigin && (b.unknownOrigin || b.escaped)
                        || b.unknownOrigin && a.escaped;
                if (may) {
                    List<String> p = new ArrayList<>(List.of(keys.get(i), keys.get(j)));
                    Collections.sort(p);
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Reference counts of the objects the statement bound, by name (see {@link RefCount}). */
    public Map<String, RefCount> refcounts() {
        return unknown() ? Map.of() : Collections.unmodifiableMap(refcounts);
    }

    /** Every name seen after the statement with the objects it may refer to (union over visits). */
    public Map<String, Pts> pointsTo() {
        Map<String, Pts> m = new LinkedHashMap<>();
        names.forEach((k, v) -> m.put(k, v.pts));
        return m;
    }
}
