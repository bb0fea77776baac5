package dev.memlens.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * The contents of one abstract object in one abstract state: its slots, how many items it has when that is known
 * exactly (lists and tuples built from displays), and whether unknown code may have put anything in it. Owned by
 * the state that created it; another state clones it before writing (copy on write).
 */
final class ObjState {
    final FieldMap fields;
    /** Exact number of items of a list/tuple whose items are tracked per index, else -1. */
    int length;
    /** Unknown code may have stored anything anywhere in this object: reads also yield unknown objects. */
    boolean contentsUnknown;
    /** Reachable by code the analysis cannot see (unknown callees, unknown origin). */
    boolean escaped;
    final Object owner;

    private ObjState(Object owner, FieldMap fields) {
        this.fields = fields;
        this.length = -1;
        this.owner = owner;
    }

    ObjState(Object owner) {
        this.fields = new FieldMap();
        this.length = -1;
        this.owner = owner;
    }

    ObjState copyFor(Object newOwner) {
        ObjState c = new ObjState(newOwner, fields.copy());
        c.length = length;
        c.contentsUnknown = contentsUnknown;
        c.escaped = escaped;
        return c;
    }

    /** Least upper bound; a slot present on one side only is "maybe absent" on the other. */
    ObjState join(ObjState o, Object newOwner) {
        ObjState j;
        if (fields.trie() != null && o.fields.trie() != null) {
            // large namespaces: only the parts the two versions do not share are visited
            j = new ObjState(newOwner, FieldMap.of(FieldTrie.join(fields.trie(), o.fields.trie(), Value::join,
                    v -> v.join(Value.UNBOUND))));
        } else {
            j = joinedFields(o, newOwner);
        }
        j.length = length == o.length ? length : -1;
        if (j.length < 0 && (length >= 0 || o.length >= 0)) {
            j.collapseItems();
        }
        j.contentsUnknown = contentsUnknown || o.contentsUnknown;
        j.escaped = escaped || o.escaped;
        return j;
    }

    private ObjState joinedFields(ObjState o, Object newOwner) {
        ObjState j = new ObjState(newOwner);
        for (Map.Entry<FieldKey, Value> e : fields.entrySet()) {
            Value other = o.fields.get(e.getKey());
            j.fields.put(e.getKey(), other == null ? e.getValue().join(Value.UNBOUND) : e.getValue().join(other));
        }
        for (Map.Entry<FieldKey, Value> e : o.fields.entrySet()) {
            if (!fields.containsKey(e.getKey())) {
                j.fields.put(e.getKey(), e.getValue().join(Value.UNBOUND));
            }
        }
        return j;
    }

    /** Forgets positions: every indexed item moves into the summary slot. */
    void collapseItems() {
        Value any = fields.get(FieldKey.ANY_ITEM);
        var it = fields.entrySet().iterator();
        boolean moved = false;
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().kind() == FieldKey.Kind.ITEM && e.getKey().key() instanceof Integer) {
                Value v = new Value(e.getValue().pts().withoutUnbound(), 0);
                any = any == null ? v : any.join(v);
                it.remove();
                moved = true;
            }
        }
        if (moved) {
            fields.put(FieldKey.ANY_ITEM, new Value(any.pts(), 0));
        }
        length = -1;
    }

    boolean sameAs(ObjState o) {
        return this == o || length == o.length && contentsUnknown == o.contentsUnknown && escaped == o.escaped
                && fields.equals(o.fields);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjState s && sameAs(s);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, length);
    }
}
