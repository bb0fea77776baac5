package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The abstract objects of one analysis run, interned by (site, context, summary) or by constant key. */
public final class ObjectTable {
    private final List<AbstractObject> objects = new ArrayList<>();
    private final IdentityHashMap<Node, Integer> nodeIds = new IdentityHashMap<>();
    private final Map<Object, Integer> byKey = new HashMap<>();
    private int nextSym = 1;

    public ObjectTable() {
        objects.add(null); // id 0 is Pts.UNBOUND_ID
    }

    private record SiteKey(int site, int context, boolean summary, int flavor) {}

    private int nodeId(Node n) {
        return n == null ? 0 : nodeIds.computeIfAbsent(n, k -> nodeIds.size() + 1);
    }

    /** The recent (non-summary) object of an allocation site; {@code flavor} tells apart objects one node makes. */
    public int site(Node site, Node context, int flavor, ObjKind kind, String label) {
        SiteKey key = new SiteKey(nodeId(site), nodeId(context), false, flavor);
        Integer id = byKey.get(key);
        if (id != null) {
            return id;
        }
        int recent = add(site, context, kind, Origin.ALLOCATED, false, null, label);
        byKey.put(key, recent);
        int summary = add(site, context, kind, Origin.ALLOCATED, true, null, label);
        byKey.put(new SiteKey(nodeId(site), nodeId(context), true, flavor), summary);
        return recent;
    }

    /** An object of unknown origin read or returned at a site. */
    public int unknown(Node site, Node context, int flavor, String label) {
        SiteKey key = new SiteKey(nodeId(site), nodeId(context), false, -1 - flavor);
        Integer id = byKey.get(key);
        if (id != null) {
            return id;
        }
        int recent = add(site, context, ObjKind.UNKNOWN, Origin.UNKNOWN, false, null, label);
        byKey.put(key, recent);
        byKey.put(new SiteKey(nodeId(site), nodeId(context), true, -1 - flavor),
                add(site, context, ObjKind.UNKNOWN, Origin.UNKNOWN, true, null, label));
        return recent;
    }

    /** The summary twin of a recent allocated object (the one right after it). */
    public int summaryOf(int recent) {
        AbstractObject o = objects.get(recent);
        return o.summary() || (o.origin() != Origin.ALLOCATED && o.origin() != Origin.UNKNOWN) ? recent : recent + 1;
    }

    /** A constant or singleton, one object per key. */
    public int keyed(Object key, Node site, ObjKind kind, Origin origin, Object constant, String label) {
        Integer id = byKey.get(key);
        if (id != null) {
            return id;
        }
        int n = add(site, null, kind, origin, false, constant, label);
        byKey.put(key, n);
        return n;
    }

    private int add(Node site, Node context, ObjKind kind, Origin origin, boolean summary, Object constant,
                    String label) {
        int id = objects.size();
        objects.add(new AbstractObject(id, site, context, kind, origin, summary, constant, label));
        return id;
    }

    public AbstractObject get(int id) {
        return objects.get(id);
    }

    public int size() {
        return objects.size();
    }

    /** A fresh symbol: one concrete object produced by one evaluation. */
    public int freshSym() {
        return nextSym++;
    }
}
