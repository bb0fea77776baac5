package dev.memlens.analysis;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The slots of one object: parallel arrays of keys and values in insertion order (a removal moves the last entry
 * into the hole), with an open-addressing index once there are more than a few. Copy on write clones objects
 * often, so a copy is two or three array clones instead of a HashMap's node-by-node rebuild.
 * <p>
 * Past {@link #LARGE} slots (a module's globals, a big class body) the slots move into an immutable
 * {@link FieldTrie}: a copy then shares everything and a write copies one path, so the per-statement snapshots of
 * a namespace with thousands of names cost what changed, not the size of the namespace.
 */
final class FieldMap extends AbstractMap<FieldKey, Value> {
    private static final int LINEAR = 8;
    static final int LARGE = 24;
    private static final FieldKey[] NO_KEYS = new FieldKey[0];
    private static final Value[] NO_VALUES = new Value[0];

    private FieldKey[] keys;
    private Value[] values;
    private int size;
    /** Position + 1 of each key by hash, or null while the map is small (linear scan). */
    private int[] index;
    /** The slots once there are more than {@link #LARGE}; then keys, values and index are unused. */
    private FieldTrie trie;

    FieldMap() {
        keys = NO_KEYS;
        values = NO_VALUES;
    }

    private FieldMap(FieldMap o) {
        if (o.trie != null) {
            keys = NO_KEYS;
            values = NO_VALUES;
            trie = o.trie;
            return;
        }
        keys = o.keys.clone();
        values = o.values.clone();
        size = o.size;
        index = o.index == null ? null : o.index.clone();
    }

    FieldMap copy() {
        return new FieldMap(this);
    }

    private int find(Object key) {
        if (index == null) {
            FieldKey[] ks = keys;
            for (int i = 0; i < size; i++) {
                if (ks[i] == key || ks[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int h = spread(key.hashCode()) & mask; ; h = (h + 1) & mask) {
            int p = index[h];
            if (p == 0) {
                return -1;
            }
            FieldKey k = keys[p - 1];
            if (k == key || k.equals(key)) {
                return p - 1;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16) ^ (h >>> 7);
    }

    private void rebuildIndex() {
        if (size <= LINEAR) {
            index = null;
            return;
        }
        int cap = Integer.highestOneBit(size * 3) * 2;
        int[] ix = new int[cap];
        int mask = cap - 1;
        for (int i = 0; i < size; i++) {
            int h = spread(keys[i].hashCode()) & mask;
            while (ix[h] != 0) {
                h = (h + 1) & mask;
            }
            ix[h] = i + 1;
        }
        index = ix;
    }

    /** The immutable contents when the map is large (shareable as is), else null. */
    FieldTrie trie() {
        return trie;
    }

    /** A map over the trie's contents, sharing it: the join of two large maps. */
    static FieldMap of(FieldTrie t) {
        FieldMap m = new FieldMap();
        m.trie = t;
        return m;
    }

    private void becomeLarge() {
        FieldTrie t = FieldTrie.EMPTY;
        for (int i = 0; i < size; i++) {
            t = t.put(keys[i], values[i]);
        }
        trie = t;
        keys = NO_KEYS;
        values = NO_VALUES;
        index = null;
        size = 0;
    }

    @Override
    public int size() {
        return trie != null ? trie.size() : size;
    }

    @Override
    public boolean containsKey(Object key) {
        if (trie != null) {
            return key instanceof FieldKey k && trie.get(k) != null;
        }
        return key instanceof FieldKey && find(key) >= 0;
    }

    @Override
    public Value get(Object key) {
        if (!(key instanceof FieldKey)) {
            return null;
        }
        if (trie != null) {
            return trie.get((FieldKey) key);
        }
        int i = find(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Value put(FieldKey key, Value value) {
        if (trie != null) {
            Value old = trie.get(key);
            trie = trie.put(key, value);
            return old;
        }
        int i = find(key);
        if (i >= 0) {
            Value old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            int n = Math.max(4, size * 2);
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        if (size > LARGE) {
            becomeLarge();
            return null;
        }
        if (index != null && size * 2 <= index.length) {
            int mask = index.length - 1;
            int h = spread(key.hashCode()) & mask;
            while (index[h] != 0) {
                h = (h + 1) & mask;
            }
            index[h] = size;
        } else if (size > LINEAR) {
            rebuildIndex();
        }
        return null;
    }

    @Override
    public Value remove(Object key) {
        if (trie != null) {
            Value old = key instanceof FieldKey k ? trie.get(k) : null;
            if (old != null) {
                trie = trie.remove((FieldKey) key);
            }
            return old;
        }
        int i = key instanceof FieldKey ? find(key) : -1;
        if (i < 0) {
            return null;
        }
        Value old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        size--;
        keys[i] = keys[size];
        values[i] = values[size];
        keys[size] = null;
        values[size] = null;
        if (index != null) {
            rebuildIndex();
        }
    }

    @Override
    public void clear() {
        if (trie != null) {
            trie = null;
            keys = NO_KEYS;
            values = NO_VALUES;
            size = 0;
            index = null;
            return;
        }
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        index = null;
    }

    @Override
    public void putAll(Map<? extends FieldKey, ? extends Value> m) {
        for (Map.Entry<? extends FieldKey, ? extends Value> e : m.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    /** Calls {@code visitor} with every slot in the order the keys were first put. */
    void forEachInOrder(java.util.function.BiConsumer<FieldKey, Value> visitor) {
        if (trie != null) {
            for (FieldTrie.Leaf l : trie.leavesInOrder()) {
                visitor.accept(l.key(), l.value());
            }
        } else {
            for (int i = 0; i < size; i++) {
                visitor.accept(keys[i], values[i]);
            }
        }
    }

    /**
     * Calls {@code visitor} with at least the slots whose values hold object {@code id} (a large map skips the parts
     * that cannot; the visitor tests what it gets).
     */
    void forEachHolding(int id, java.util.function.BiConsumer<FieldKey, Value> visitor) {
        if (trie != null) {
            trie.forEachHolding(id, visitor);
        } else {
            for (int i = 0; i < size; i++) {
                visitor.accept(keys[i], values[i]);
            }
        }
    }

    /** Might a value hold object {@code id}? (False is certain.) */
    boolean mayHold(int id) {
        if (trie != null) {
            return trie.mayHold(id);
        }
        for (int i = 0; i < size; i++) {
            if (values[i].pts().contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the values that may hold object {@code id}; {@code f} must return other values unchanged. */
    void replaceHolding(int id, BiFunction<FieldKey, Value, Value> f) {
        if (trie != null) {
            trie = trie.mapValuesHolding(id, f);
        } else {
            replaceAll(f);
        }
    }

    @Override
    public void replaceAll(BiFunction<? super FieldKey, ? super Value, ? extends Value> f) {
        if (trie != null) {
            trie = trie.mapValues(f::apply);
            return;
        }
        for (int i = 0; i < size; i++) {
            values[i] = f.apply(keys[i], values[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof FieldMap m)) {
            return super.equals(o);
        }
        if (trie != null && m.trie != null) {
            return trie.sameAs(m.trie);
        }
        if (m.size() != size()) {
            return false;
        }
        if (trie != null) {
            return m.equals(this);
        }
        for (int i = 0; i < size; i++) {
            Value v = m.get(keys[i]);
            if (v == null || !(v == values[i] || v.equals(values[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        if (trie != null) {
            int[] h = {0};
            trie.forEach((k, v) -> h[0] += k.hashCode() ^ v.hashCode());
            return h[0];
        }
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    @Override
    public Collection<Value> values() {
        if (trie != null) {
            FieldTrie.Leaf[] ls = trie.leaves();
            Value[] vs = new Value[ls.length];
            for (int i = 0; i < ls.length; i++) {
                vs[i] = ls[i].value();
            }
            return Arrays.asList(vs);
        }
        return new AbstractCollection<>() {
            @Override
            public Iterator<Value> iterator() {
                return new Iterator<>() {
                    int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Value next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return values[next++];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Map.Entry<FieldKey, Value>> entrySet() {
        if (trie != null) {
            return largeEntries();
        }
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<FieldKey, Value>> iterator() {
                return new Iterator<>() {
                    int next;
                    int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<FieldKey, Value> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Entry(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        // the last entry moved into the hole: visit it next
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Entries of a large map, from the version current when iteration starts; remove and setValue write through. */
    private Set<Map.Entry<FieldKey, Value>> largeEntries() {
        FieldTrie.Leaf[] ls = trie.leaves();
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<FieldKey, Value>> iterator() {
                return new Iterator<>() {
                    int next;

                    @Override
                    public boolean hasNext() {
                        return next < ls.length;
                    }

                    @Override
                    public Map.Entry<FieldKey, Value> next() {
                        if (next >= ls.length) {
                            throw new NoSuchElementException();
                        }
                        FieldTrie.Leaf l = ls[next++];
                        return new AbstractMap.SimpleEntry<>(l.key(), l.value()) {
                            @Override
                            public Value setValue(Value v) {
                                put(l.key(), v);
                                return super.setValue(v);
                            }
                        };
                    }

                    @Override
                    public void remove() {
                        if (next == 0) {
                            throw new IllegalStateException();
                        }
                        FieldMap.this.remove(ls[next - 1].key());
                    }
                };
            }

            @Override
            public int size() {
                return ls.length;
            }
        };
    }

    /** A live entry: setValue writes through. */
    private final class Entry implements Map.Entry<FieldKey, Value> {
        private final int i;

        Entry(int i) {
            this.i = i;
        }

        @Override
        public FieldKey getKey() {
            return keys[i];
        }

        @Override
        public Value getValue() {
            return values[i];
        }

        @Override
        public Value setValue(Value v) {
            Value old = values[i];
            values[i] = v;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && keys[i].equals(e.getKey()) && values[i].equals(e.getValue());
        }

        @Override
        public int hashCode() {
            return keys[i].hashCode() ^ values[i].hashCode();
        }
    }
}
