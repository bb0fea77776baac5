package dev.memlens.analysis;

import dev.memlens.syntax.ast.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The abstract objects of one analysis run, interned by (site, context, summary) or by constant key. */
public final class ObjectTable {
    private final List<AbstractObject> objects;
    private final IdentityHashMap<Node, Integer> nodeIds;
    private final Map<Object, Integer> byKey;
    private int nextSym = 1;

    public ObjectTable() {
        this(16);
    }

    /**
     * @param expected about how many objects the run will make (its maps are made that large at once: growing
     *                 them by rehashing cost a tenth of a large file's analysis)
     */
    ObjectTable(int expected) {
        objects = new ArrayList<>(expected);
        nodeIds = new IdentityHashMap<>(expected);
        byKey = new HashMap<>(expected * 4 / 3 + 1);
        objects.add(null); // id 0 is Pts.UNBOUND_ID
    }

    /** (site, context, summary, flavor) packed into a long, to object id: allocation sites are looked up a lot. */
    private static final long SUMMARY_BIT = 4096L;
    private long[] siteKeys = new long[256];
    private int[] siteIds = new int[256];
    private int siteCount;

    private int nodeId(Node n) {
        if (n == null) {
            return 0;
        }
        Integer id = nodeIds.get(n);
        if (id == null) {
            id = nodeIds.size() + 1;
            nodeIds.put(n, id);
        }
        return id;
    }

    private static long siteKey(int site, int context, boolean summary, int flavor) {
        // flavors are small (-1024..3071); nodes used as sites or contexts in one file stay far below 2^19
        return ((long) site << 32) | ((long) context << 13) | (summary ? SUMMARY_BIT : 0L) | ((flavor + 1024) & 4095);
    }

    private int siteGet(long key) {
        int mask = siteKeys.length - 1;
        for (int i = (int) (mix(key) & mask); ; i = (i + 1) & mask) {
            if (siteIds[i] == 0) {
                return -1;
            }
            if (siteKeys[i] == key) {
                return siteIds[i];
            }
        }
    }

    private void sitePut(long key, int id) {
        if ((siteCount + 1) * 2 > siteKeys.length) {
            long[] ok = siteKeys;
            int[] oi = siteIds;
            siteKeys = new long[ok.length * 2];
            siteIds = new int[ok.length * 2];
            siteCount = 0;
            for (int i = 0; i < ok.length; i++) {
                if (oi[i] != 0) {
                    sitePut(ok[i], oi[i]);
                }
            }
        }
        int mask = siteKeys.length - 1;
        int i = (int) (mix(key) & mask);
        while (siteIds[i] != 0) {
            i = (i + 1) & mask;
        }
        siteKeys[i] = key;
        siteIds[i] = id;
        siteCount++;
    }

    private static long mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 29);
    }

    /** The recent (non-summary) object of an allocation site; {@code flavor} tells apart objects one node makes. */
    public int site(Node site, Node context, int flavor, ObjKind kind, String label) {
        return site(site, context, flavor, kind, label, null);
    }

    /** {@link #site(Node, Node, int, ObjKind, String)} for an object of a class modelled as {@code kind}. */
    public int site(Node site, Node context, int flavor, ObjKind kind, String label, String pyType) {
        return site(site, context, flavor, kind, () -> label, pyType);
    }

    /**
     * {@link #site(Node, Node, int, ObjKind, String, String)} with the label made only for a new site: a function's
     * label holds its qualname, as long as its nesting is deep (5,000 nested lambdas made 400 MB of labels, most of
     * them for sites that existed already).
     */
    int site(Node site, Node context, int flavor, ObjKind kind, java.util.function.Supplier<String> labelOfNew,
             String pyType) {
        long key = siteKey(nodeId(site), nodeId(context), false, flavor);
        int id = siteGet(key);
        if (id >= 0) {
            return id;
        }
        String label = labelOfNew.get();
        int recent = add(site, context, kind, Origin.ALLOCATED, false, null, label, pyType);
        sitePut(key, recent);
        int summary = add(site, context, kind, Origin.ALLOCATED, true, null, label, pyType);
        sitePut(key | SUMMARY_BIT, summary);
        return recent;
    }

    /** An object of unknown origin read or returned at a site. */
    public int unknown(Node site, Node context, int flavor, String label) {
        return symbolic(site, context, flavor, ObjKind.UNKNOWN, label);
    }

    /** An object of unknown origin whose type is known (an annotated parameter), or not ({@code UNKNOWN}). */
    public int symbolic(Node site, Node context, int flavor, ObjKind kind, String label) {
        long key = siteKey(nodeId(site), nodeId(context), false, -1 - flavor);
        int id = siteGet(key);
        if (id >= 0) {
            return id;
        }
        int recent = add(site, context, kind, Origin.UNKNOWN, false, null, label, null);
        sitePut(key, recent);
        sitePut(key | SUMMARY_BIT, add(site, context, kind, Origin.UNKNOWN, true, null, label, null));
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
        int n = add(site, null, kind, origin, false, constant, label, null);
        byKey.put(key, n);
        return n;
    }

    private int add(Node site, Node context, ObjKind kind, Origin origin, boolean summary, Object constant,
                    String label, String pyType) {
        int id = objects.size();
        objects.add(new AbstractObject(id, site, context, kind, origin, summary, constant, label, pyType));
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
