package dev.memlens.analysis.builtins;

import dev.memlens.analysis.ObjKind;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of what the methods of the builtin container types do to their receiver and what they return. The
 * interpreter (a method called on an object of unknown type), the rules (in-place calls, calls whose result is
 * always None) and the hints read it; nothing else lists method names.
 */
public final class BuiltinMethods {
    private BuiltinMethods() {
    }

    /** What one method does. */
    public record Method(String name, boolean mutates, boolean returnsNone, boolean returnsSelf, boolean copies,
                         boolean view) {
    }

    private static final Map<ObjKind, Map<String, Method>> TABLE = new EnumMap<>(ObjKind.class);

    static {
        // m: mutates in place, n: returns None, s: returns the receiver (in-place operators), c: a shallow copy,
        // v: a view of the receiver
        define(ObjKind.LIST, "append mn", "extend mn", "insert mn", "remove mn", "pop m", "clear mn", "sort mn",
                "reverse mn", "__setitem__ m", "__delitem__ m", "__iadd__ ms", "__imul__ ms", "copy c");
        define(ObjKind.DICT, "update mn", "setdefault m", "pop m", "popitem m", "clear mn", "__setitem__ m",
                "__delitem__ m", "__ior__ ms", "copy c", "keys v", "values v", "items v");
        define(ObjKind.SET, "add mn", "update mn", "discard mn", "remove mn", "pop m", "clear mn",
                "intersection_update mn", "difference_update mn", "symmetric_difference_update mn", "__ior__ ms",
                "__iand__ ms", "__isub__ ms", "__ixor__ ms", "copy c");
        define(ObjKind.BYTEARRAY, "append mn", "extend mn", "insert mn", "remove mn", "pop m", "clear mn",
                "reverse mn", "__setitem__ m", "__delitem__ m", "__iadd__ ms", "__imul__ ms", "copy c");
    }

    private static void define(ObjKind kind, String... methods) {
        Map<String, Method> m = new LinkedHashMap<>();
        for (String spec : methods) {
            String[] parts = spec.split(" ");
            String f = parts[1];
            m.put(parts[0], new Method(parts[0], f.contains("m"), f.contains("n"), f.contains("s"), f.contains("c"),
                    f.contains("v")));
        }
        TABLE.put(kind, Map.copyOf(m));
    }

    /** The types the table describes: list, dict, set, bytearray. */
    public static Set<ObjKind> kinds() {
        return TABLE.keySet();
    }

    /** What {@code kind.name} does, or null when the table does not list it. */
    public static Method method(ObjKind kind, String name) {
        Map<String, Method> m = TABLE.get(kind);
        return m == null ? null : m.get(name);
    }

    /** The methods of a kind that change the receiver in place (operator methods included). */
    public static Set<String> mutating(ObjKind kind) {
        return names(kind, true, false);
    }

    /** The in-place methods of a kind that always return None. */
    public static Set<String> returningNone(ObjKind kind) {
        return names(kind, false, true);
    }

    /** Method names (not operators) that mutate the receiver for some builtin type: for a receiver of unknown type. */
    public static Set<String> mutatingAnyKind() {
        Set<String> out = new LinkedHashSet<>();
        for (ObjKind k : TABLE.keySet()) {
            for (String n : mutating(k)) {
                if (!n.startsWith("__")) {
                    out.add(n);
                }
            }
        }
        return Set.copyOf(out);
    }

    private static Set<String> names(ObjKind kind, boolean mutates, boolean none) {
        Set<String> out = new LinkedHashSet<>();
        for (Method m : TABLE.getOrDefault(kind, Map.of()).values()) {
            if ((!mutates || m.mutates()) && (!none || m.returnsNone())) {
                out.add(m.name());
            }
        }
        return Set.copyOf(out);
    }
}
