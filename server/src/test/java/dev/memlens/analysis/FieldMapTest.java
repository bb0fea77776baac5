package dev.memlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slot map against java.util.HashMap under random operations, across the switch to the hash trie at
 * {@link FieldMap#LARGE} slots: puts, removals (also through iterators), copies, value rewrites, equality, and the
 * joins of two versions that share most of their slots.
 */
class FieldMapTest {
    private static FieldKey key(Random r, int range) {
        int k = r.nextInt(range);
        return switch (k % 3) {
            case 0 -> FieldKey.name("n" + k);
            case 1 -> FieldKey.attr("a" + k);
            default -> FieldKey.item((long) k);
        };
    }

    private static Value value(Random r) {
        return new Value(Pts.of(1 + r.nextInt(50)), r.nextInt(3));
    }

    private static void assertSame(Map<FieldKey, Value> expected, FieldMap m) {
        Map<FieldKey, Value> seen = new HashMap<>();
        for (Map.Entry<FieldKey, Value> e : m.entrySet()) {
            seen.put(e.getKey(), e.getValue());
        }
        assertEquals(expected, seen);
        assertEquals(expected.size(), m.size());
        for (Map.Entry<FieldKey, Value> e : expected.entrySet()) {
            assertEquals(e.getValue(), m.get(e.getKey()), "slot " + e.getKey());
        }
    }

    @Test
    void behavesLikeAHashMapAcrossTheSwitchToTheTrie() {
        for (int seed = 0; seed < 40; seed++) {
            Random r = new Random(seed);
            int range = 10 + seed * 5;
            FieldMap m = new FieldMap();
            Map<FieldKey, Value> ref = new HashMap<>();
            for (int step = 0; step < 600; step++) {
                int op = r.nextInt(10);
                FieldKey k = key(r, range);
                if (op < 5) {
                    Value v = value(r);
                    assertEquals(ref.put(k, v), m.put(k, v));
                } else if (op < 7) {
                    assertEquals(ref.remove(k), m.remove(k));
                } else if (op == 7) {
                    FieldMap c = m.copy();
                    assertSame(ref, c);
                    assertTrue(c.equals(m) && m.equals(c));
                    c.put(FieldKey.name("extra"), value(r));
                    assertTrue(!c.equals(m));
                    assertSame(ref, m);
                } else if (op == 8) {
                    int cut = r.nextInt(50);
                    m.replaceAll((kk, v) -> v.pts().get(0) < cut ? v.withSym(7) : v);
                    ref.replaceAll((kk, v) -> v.pts().get(0) < cut ? v.withSym(7) : v);
                } else {
                    Iterator<Map.Entry<FieldKey, Value>> it = m.entrySet().iterator();
                    while (it.hasNext()) {
                        FieldKey k2 = it.next().getKey();
                        if (k2.kind() == FieldKey.Kind.ITEM && r.nextBoolean()) {
                            it.remove();
                            ref.remove(k2);
                        }
                    }
                }
                assertSame(ref, m);
                FieldMap small = new FieldMap();
                ref.forEach(small::put);
                assertEquals(small, m, "equal contents, either representation");
                assertEquals(m, small);
            }
        }
    }

    @Test
    void listsSlotsInTheOrderTheyWereFirstPutInEitherRepresentation() {
        FieldMap m = new FieldMap();
        java.util.List<FieldKey> order = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FieldKey k = FieldKey.name("v" + (i * 37 % 101));
            order.add(k);
            m.put(k, new Value(Pts.of(i + 1), 0));
            m.put(order.get(i / 2), new Value(Pts.of(i + 2), 0)); // rebinding keeps the place
            java.util.List<FieldKey> seen = new java.util.ArrayList<>();
            m.forEachInOrder((k2, v) -> seen.add(k2));
            assertEquals(order, seen);
        }
    }

    @Test
    void joinsOfLargeVersionsMatchAKeyByKeyJoin() {
        for (int seed = 0; seed < 30; seed++) {
            Random r = new Random(100 + seed);
            ObjState base = new ObjState(new Object());
            for (int i = 0; i < 60 + seed * 10; i++) {
                base.fields.put(key(r, 400), value(r));
            }
            ObjState a = base.copyFor(new Object());
            ObjState b = base.copyFor(new Object());
            for (int i = 0; i < 15; i++) {
                a.fields.put(key(r, 400), value(r));
                b.fields.put(key(r, 400), value(r));
                if (r.nextInt(4) == 0) {
                    a.fields.remove(key(r, 400));
                }
            }
            ObjState j = a.join(b, new Object());
            Map<FieldKey, Value> expected = new HashMap<>();
            a.fields.forEach((k, v) -> {
                Value w = b.fields.get(k);
                expected.put(k, w == null ? v.join(Value.UNBOUND) : v.join(w));
            });
            b.fields.forEach((k, v) -> expected.putIfAbsent(k, v.join(Value.UNBOUND)));
            assertSame(expected, j.fields);
            assertTrue(j.join(j, new Object()).sameAs(j));
        }
    }
}
