package dev.memlens.analysis;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * An immutable hash trie from slot keys to values (a hash array mapped trie: 32-way branching on 5 bits of the hash
 * per level). Every update copies only the path to the changed leaf and shares the rest, so a copy of a namespace
 * with thousands of names is free and two versions that differ in a few names share almost all of their nodes;
 * equality and joins skip the shared subtrees. {@link FieldMap} switches to it once an object has many slots (a
 * module's globals, a big class body).
 */
final class FieldTrie {
    private static final int BITS = 5;
    private static final int MAX_SHIFT = 30;

    /**
     * A key and its value; {@code hash} is the spread hash of the key, {@code refs} a 64-bit Bloom filter of the
     * object ids the value holds (see {@link #refBit}), {@code seq} the order in which the key was first put.
     */
    record Leaf(FieldKey key, Value value, int hash, long refs, int seq) {}

    /**
     * An inner node: {@code slots[i]} is a Leaf, a Node, or (past the last level) a Leaf[] of colliding keys;
     * {@code refs} is the union of its slots' filters, so a search for the holders of one object skips subtrees.
     */
    private record Node(int bitmap, Object[] slots, long refs) {}

    private static Leaf leaf(FieldKey key, Value value, int hash, int seq) {
        long refs = 0;
        Pts p = value.pts();
        for (int i = 0; i < p.size(); i++) {
            refs |= refBit(p.get(i));
        }
        return new Leaf(key, value, hash, refs, seq);
    }

    private static Node node(int bitmap, Object[] slots) {
        long refs = 0;
        for (Object o : slots) {
            refs |= refsOf(o);
        }
        return new Node(bitmap, slots, refs);
    }

    private static long refsOf(Object o) {
        if (o instanceof Node n) {
            return n.refs;
        }
        if (o instanceof Leaf l) {
            return l.refs;
        }
        long r = 0;
        for (Leaf l : (Leaf[]) o) {
            r |= l.refs;
        }
        return r;
    }

    static long refBit(int id) {
        return 1L << ((id * 0x9E3779B9) >>> 26);
    }

    static final FieldTrie EMPTY = new FieldTrie(node(0, new Object[0]), 0, 0);

    private final Node root;
    private final int size;
    /** The sequence number the next new key gets (insertion order, for listing names as they were bound). */
    private final int nextSeq;

    private FieldTrie(Node root, int size, int nextSeq) {
        this.root = root;
        this.size = size;
        this.nextSeq = nextSeq;
    }

    int size() {
        return size;
    }

    static int hash(FieldKey k) {
        int h = k.hashCode();
        return h ^ (h >>> 16) * 0x45d9f3b;
    }

    Value get(FieldKey key) {
        int h = hash(key);
        Object cur = root;
        int shift = 0;
        while (true) {
            if (cur instanceof Node n) {
                int bit = 1 << ((h >>> shift) & 31);
                if ((n.bitmap & bit) == 0) {
                    return null;
                }
                cur = n.slots[Integer.bitCount(n.bitmap & (bit - 1))];
                shift += BITS;
            } else if (cur instanceof Leaf l) {
                return l.hash == h && l.key.equals(key) ? l.value : null;
            } else {
                for (Leaf l : (Leaf[]) cur) {
                    if (l.key.equals(key)) {
                        return l.value;
                    }
                }
                return null;
            }
        }
    }

    FieldTrie put(FieldKey key, Value value) {
        int h = hash(key);
        int[] added = {0};
        Node r = (Node) put(root, leaf(key, value, h, nextSeq), 0, added);
        return r == root ? this : new FieldTrie(r, size + added[0], nextSeq + added[0]);
    }

    private static Object put(Object cur, Leaf leaf, int shift, int[] added) {
        if (cur instanceof Node n) {
            int bit = 1 << ((leaf.hash >>> shift) & 31);
            int i = Integer.bitCount(n.bitmap & (bit - 1));
            if ((n.bitmap & bit) == 0) {
                Object[] s = new Object[n.slots.length + 1];
                System.arraycopy(n.slots, 0, s, 0, i);
                s[i] = leaf;
                System.arraycopy(n.slots, i, s, i + 1, n.slots.length - i);
                added[0]++;
                return node(n.bitmap | bit, s);
            }
            Object child = n.slots[i];
            Object c2 = put(child, leaf, shift + BITS, added);
            if (c2 == child) {
                return n;
            }
            Object[] s = n.slots.clone();
            s[i] = c2;
            return node(n.bitmap, s);
        }
        if (cur instanceof Leaf l) {
            if (l.hash == leaf.hash && l.key.equals(leaf.key)) {
                return l.value == leaf.value ? l : leaf(l.key, leaf.value, l.hash, l.seq);
            }
            added[0]++;
            return split(l, leaf, shift);
        }
        Leaf[] ls = (Leaf[]) cur;
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].key.equals(leaf.key)) {
                if (ls[i].value == leaf.value) {
                    return ls;
                }
                Leaf[] c = ls.clone();
                c[i] = leaf(leaf.key, leaf.value, leaf.hash, ls[i].seq);
                return c;
            }
        }
        added[0]++;
        Leaf[] c = Arrays.copyOf(ls, ls.length + 1);
        c[ls.length] = leaf;
        return c;
    }

    /** Two leaves that meet at {@code shift}: a node (or a chain of nodes) telling them apart. */
    private static Object split(Leaf a, Leaf b, int shift) {
        if (shift > MAX_SHIFT) {
            return new Leaf[] {a, b};
        }
        int ia = (a.hash >>> shift) & 31;
        int ib = (b.hash >>> shift) & 31;
        if (ia == ib) {
            return node(1 << ia, new Object[] {split(a, b, shift + BITS)});
        }
        return ia < ib ? node((1 << ia) | (1 << ib), new Object[] {a, b})
                : node((1 << ia) | (1 << ib), new Object[] {b, a});
    }

    FieldTrie remove(FieldKey key) {
        int h = hash(key);
        int[] removed = {0};
        Object r = remove(root, key, h, 0, removed);
        if (removed[0] == 0) {
            return this;
        }
        return new FieldTrie(r == null ? EMPTY.root : r instanceof Node n ? n
                : node(1 << (h & 31), new Object[] {r}), size - 1, nextSeq);
    }

    /** The node without the key; null when it becomes empty. A node left with one leaf is not collapsed. */
    private static Object remove(Object cur, FieldKey key, int h, int shift, int[] removed) {
        if (cur instanceof Node n) {
            int bit = 1 << ((h >>> shift) & 31);
            if ((n.bitmap & bit) == 0) {
                return n;
            }
            int i = Integer.bitCount(n.bitmap & (bit - 1));
            Object child = n.slots[i];
            Object c2 = remove(child, key, h, shift + BITS, removed);
            if (c2 == child) {
                return n;
            }
            if (c2 != null) {
                Object[] s = n.slots.clone();
                s[i] = c2;
                return node(n.bitmap, s);
            }
            if (n.slots.length == 1) {
                return shift == 0 ? EMPTY.root : null;
            }
            Object[] s = new Object[n.slots.length - 1];
            System.arraycopy(n.slots, 0, s, 0, i);
            System.arraycopy(n.slots, i + 1, s, i, n.slots.length - i - 1);
            return node(n.bitmap & ~bit, s);
        }
        if (cur instanceof Leaf l) {
            if (l.hash == h && l.key.equals(key)) {
                removed[0] = 1;
                return null;
            }
            return l;
        }
        Leaf[] ls = (Leaf[]) cur;
        for (int i = 0; i < ls.length; i++) {
            if (ls[i].key.equals(key)) {
                removed[0] = 1;
                if (ls.length == 1) {
                    return null;
                }
                Leaf[] c = new Leaf[ls.length - 1];
                System.arraycopy(ls, 0, c, 0, i);
                System.arraycopy(ls, i + 1, c, i, ls.length - i - 1);
                return c;
            }
        }
        return ls;
    }

    /** Every leaf, in trie order. */
    void forEach(BiConsumer<FieldKey, Value> visitor) {
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object cur = work.pop();
            if (cur instanceof Node n) {
                for (int i = n.slots.length - 1; i >= 0; i--) {
                    work.push(n.slots[i]);
                }
            } else if (cur instanceof Leaf l) {
                visitor.accept(l.key, l.value);
            } else {
                for (Leaf l : (Leaf[]) cur) {
                    visitor.accept(l.key, l.value);
                }
            }
        }
    }

    /** Leaves in trie order, as an array (for iteration that may change the map meanwhile). */
    Leaf[] leaves() {
        Leaf[] out = new Leaf[size];
        int[] n = {0};
        ArrayDeque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object cur = work.pop();
            if (cur instanceof Node nd) {
                for (int i = nd.slots.length - 1; i >= 0; i--) {
                    work.push(nd.slots[i]);
                }
            } else if (cur instanceof Leaf l) {
                out[n[0]++] = l;
            } else {
                for (Leaf l : (Leaf[]) cur) {
                    out[n[0]++] = l;
                }
            }
        }
        return out;
    }

    /** What {@link #diff} reports for one key: {@code before} or {@code after} is null when the key was added or removed. */
    interface DiffVisitor {
        void changed(Leaf before, Leaf after);
    }

    /**
     * The keys whose leaves differ between {@code before} and {@code after}: subtrees the two share are skipped, so
     * two snapshots of one namespace a statement apart cost what that statement changed, not the namespace's size.
     */
    static void diff(FieldTrie before, FieldTrie after, DiffVisitor visitor) {
        diff(before.root, after.root, visitor);
    }

    private static void diff(Object x, Object y, DiffVisitor visitor) {
        if (x == y) {
            return;
        }
        if (x instanceof Node a && y instanceof Node b) {
            int bits = a.bitmap | b.bitmap;
            while (bits != 0) {
                int bit = bits & -bits;
                bits &= bits - 1;
                Object ca = (a.bitmap & bit) == 0 ? null : a.slots[Integer.bitCount(a.bitmap & (bit - 1))];
                Object cb = (b.bitmap & bit) == 0 ? null : b.slots[Integer.bitCount(b.bitmap & (bit - 1))];
                diff(ca, cb, visitor);
            }
            return;
        }
        // a leaf (or collision list) against a subtree, or one side absent: compare their few leaves by key
        java.util.Map<FieldKey, Leaf> old = new java.util.HashMap<>();
        for (Leaf l : x == null ? new Leaf[0] : leavesOf(x)) {
            old.put(l.key, l);
        }
        for (Leaf l : y == null ? new Leaf[0] : leavesOf(y)) {
            Leaf was = old.remove(l.key);
            if (was != l) {
                visitor.changed(was, l);
            }
        }
        for (Leaf was : old.values()) {
            visitor.changed(was, null);
        }
    }

    /** Leaves in the order their keys were first put (a key put again after a removal counts as new). */
    Leaf[] leavesInOrder() {
        Leaf[] ls = leaves();
        Arrays.sort(ls, (x, y) -> Integer.compare(x.seq, y.seq));
        return ls;
    }

    /** Replaces every value; subtrees whose values all stay the same objects are shared. */
    FieldTrie mapValues(BiFunction<FieldKey, Value, Value> f) {
        Object r = map(root, f);
        return r == root ? this : new FieldTrie((Node) r, size, nextSeq);
    }

    /**
     * Replaces the values that may hold object {@code id} (others are not visited: subtrees whose filter lacks it
     * are skipped).
     */
    FieldTrie mapValuesHolding(int id, BiFunction<FieldKey, Value, Value> f) {
        long bit = refBit(id);
        if ((root.refs & bit) == 0) {
            return this;
        }
        Object r = mapHolding(root, bit, f);
        return r == root ? this : new FieldTrie((Node) r, size, nextSeq);
    }

    boolean mayHold(int id) {
        return (root.refs & refBit(id)) != 0;
    }

    /**
     * Calls {@code visitor} with the entries whose values may hold object {@code id} (a superset: the filters have
     * false positives), skipping the subtrees whose filter lacks it.
     */
    void forEachHolding(int id, BiConsumer<FieldKey, Value> visitor) {
        forEachHolding(root, refBit(id), visitor);
    }

    private static void forEachHolding(Object cur, long bit, BiConsumer<FieldKey, Value> visitor) {
        if ((refsOf(cur) & bit) == 0) {
            return;
        }
        if (cur instanceof Node n) {
            for (Object slot : n.slots) {
                forEachHolding(slot, bit, visitor);
            }
        } else if (cur instanceof Leaf l) {
            visitor.accept(l.key, l.value);
        } else {
            for (Leaf l : (Leaf[]) cur) {
                if ((l.refs & bit) != 0) {
                    visitor.accept(l.key, l.value);
                }
            }
        }
    }

    private static Object mapHolding(Object cur, long bit, BiFunction<FieldKey, Value, Value> f) {
        if ((refsOf(cur) & bit) == 0) {
            return cur;
        }
        if (cur instanceof Node n) {
            Object[] s = null;
            for (int i = 0; i < n.slots.length; i++) {
                Object c = mapHolding(n.slots[i], bit, f);
                if (c != n.slots[i]) {
                    if (s == null) {
                        s = n.slots.clone();
                    }
                    s[i] = c;
                }
            }
            return s == null ? n : node(n.bitmap, s);
        }
        return map(cur, f);
    }

    private static Object map(Object cur, BiFunction<FieldKey, Value, Value> f) {
        if (cur instanceof Node n) {
            Object[] s = null;
            for (int i = 0; i < n.slots.length; i++) {
                Object c = map(n.slots[i], f);
                if (c != n.slots[i]) {
                    if (s == null) {
                        s = n.slots.clone();
                    }
                    s[i] = c;
                }
            }
            return s == null ? n : node(n.bitmap, s);
        }
        if (cur instanceof Leaf l) {
            Value v = f.apply(l.key, l.value);
            return v == l.value ? l : leaf(l.key, v, l.hash, l.seq);
        }
        Leaf[] ls = (Leaf[]) cur;
        Leaf[] c = null;
        for (int i = 0; i < ls.length; i++) {
            Value v = f.apply(ls[i].key, ls[i].value);
            if (v != ls[i].value) {
                if (c == null) {
                    c = ls.clone();
                }
                c[i] = leaf(ls[i].key, v, ls[i].hash, ls[i].seq);
            }
        }
        return c == null ? ls : c;
    }

    /**
     * Equal contents. Shared subtrees are skipped; where the shapes differ (possible after removals) it falls back
     * to looking every key up.
     */
    boolean sameAs(FieldTrie o) {
        if (o == this || o.root == root) {
            return true;
        }
        if (o.size != size) {
            return false;
        }
        Boolean s = sameShape(root, o.root);
        if (s != null) {
            return s;
        }
        boolean[] ok = {true};
        forEach((k, v) -> {
            if (ok[0]) {
                Value w = o.get(k);
                ok[0] = w != null && (w == v || w.equals(v));
            }
        });
        return ok[0];
    }

    /** True/false when the two subtrees have one shape; null when their shapes differ (no verdict). */
    private static Boolean sameShape(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Node x && b instanceof Node y) {
            if (x.bitmap != y.bitmap) {
                return null;
            }
            for (int i = 0; i < x.slots.length; i++) {
                Boolean s = sameShape(x.slots[i], y.slots[i]);
                if (s == null || !s) {
                    return s;
                }
            }
            return true;
        }
        if (a instanceof Leaf x && b instanceof Leaf y) {
            if (!x.key.equals(y.key)) {
                return null;
            }
            return x.value == y.value || x.value.equals(y.value);
        }
        return null;
    }

    /**
     * The join of two versions: keys on both sides get {@code both(a, b)}, keys on one side only get
     * {@code one(v)}. Subtrees the two versions share are kept as they are ({@code both(v, v)} must be {@code v}).
     */
    static FieldTrie join(FieldTrie a, FieldTrie b, BiFunction<Value, Value, Value> both, UnaryOperator<Value> one) {
        if (a.root == b.root) {
            return a;
        }
        int[] onlyInB = {0};
        Object r = join(a.root, b.root, 0, both, one, onlyInB);
        return new FieldTrie((Node) r, a.size + onlyInB[0], Math.max(a.nextSeq, b.nextSeq));
    }

    private static Object join(Object x, Object y, int shift, BiFunction<Value, Value, Value> both,
                               UnaryOperator<Value> one, int[] onlyInY) {
        if (x == y) {
            return x;
        }
        if (x instanceof Node nx && y instanceof Node ny) {
            int bits = nx.bitmap | ny.bitmap;
            Object[] s = new Object[Integer.bitCount(bits)];
            int i = 0;
            for (int rest = bits; rest != 0; rest &= rest - 1) {
                int bit = rest & -rest;
                boolean inX = (nx.bitmap & bit) != 0;
                boolean inY = (ny.bitmap & bit) != 0;
                Object sx = inX ? nx.slots[Integer.bitCount(nx.bitmap & (bit - 1))] : null;
                Object sy = inY ? ny.slots[Integer.bitCount(ny.bitmap & (bit - 1))] : null;
                if (!inY) {
                    s[i++] = map(sx, (k, v) -> one.apply(v));
                } else if (!inX) {
                    onlyInY[0] += count(sy);
                    s[i++] = map(sy, (k, v) -> one.apply(v));
                } else {
                    s[i++] = join(sx, sy, shift + BITS, both, one, onlyInY);
                }
            }
            return node(bits, s);
        }
        // shapes differ here (a leaf met a node, or colliding keys): merge key by key
        Leaf[] ly = leavesOf(y);
        Object res = map(x, (k, v) -> {
            for (Leaf l : ly) {
                if (l.key.equals(k)) {
                    return l.value == v ? v : both.apply(v, l.value);
                }
            }
            return one.apply(v);
        });
        Leaf[] lx = leavesOf(x);
        int[] added = {0};
        for (Leaf l : ly) {
            boolean inX = false;
            for (Leaf m : lx) {
                inX |= m.key.equals(l.key);
            }
            if (!inX) {
                res = put(res, leaf(l.key, one.apply(l.value), l.hash, l.seq), shift, added);
            }
        }
        onlyInY[0] += added[0];
        return res;
    }

    private static int count(Object cur) {
        if (cur instanceof Node n) {
            int c = 0;
            for (Object s : n.slots) {
                c += count(s);
            }
            return c;
        }
        return cur instanceof Leaf ? 1 : ((Leaf[]) cur).length;
    }

    private static Leaf[] leavesOf(Object cur) {
        return cur instanceof Node n ? new FieldTrie(n, count(n), 0).leaves()
                : cur instanceof Leaf l ? new Leaf[] {l} : (Leaf[]) cur;
    }
}
