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

    /** The stdlib container classes modelled as one of the kinds above, with their own methods. */
    private static final Map<String, Map<String, Method>> CLASSES = new LinkedHashMap<>();

    static {
        defineClass("deque", "append mn", "appendleft mn", "extend mn", "extendleft mn", "insert mn", "remove mn",
                "pop m", "popleft m", "rotate mn", "reverse mn", "clear mn", "__setitem__ m", "__delitem__ m",
                "__iadd__ ms", "__imul__ ms", "copy c");
        defineClass("Counter", "update mn", "subtract mn", "setdefault m", "pop m", "popitem m", "clear mn",
                "__setitem__ m", "__delitem__ m", "__ior__ ms", "__iadd__ ms", "__isub__ ms", "__iand__ ms",
                "copy c", "keys v", "values v", "items v");
        defineClass("OrderedDict", "update mn", "setdefault m", "pop m", "popitem m", "move_to_end mn",
                "clear mn", "__setitem__ m", "__delitem__ m", "__ior__ ms", "copy c", "keys v", "values v", "items v");
        defineClass("defaultdict", "update mn", "setdefault m", "pop m", "popitem m", "clear mn", "__setitem__ m",
                "__delitem__ m", "__ior__ ms", "copy c", "keys v", "values v", "items v");
        defineClass("ChainMap", "update mn", "setdefault m", "pop m", "popitem m", "clear mn", "__setitem__ m",
                "__delitem__ m", "__ior__ ms", "copy c", "keys v", "values v", "items v");
        defineClass("UserDict", "update mn", "setdefault m", "pop m", "popitem m", "clear mn", "__setitem__ m",
                "__delitem__ m", "__ior__ ms", "copy c", "keys v", "values v", "items v");
        defineClass("UserList", "append mn", "extend mn", "insert mn", "remove mn", "pop m", "clear mn", "sort mn",
                "reverse mn", "__setitem__ m", "__delitem__ m", "__iadd__ ms", "__imul__ ms", "copy c");
        defineClass("array", "append mn", "extend mn", "insert mn", "remove mn", "pop m", "reverse mn",
                "byteswap mn", "frombytes mn", "fromlist mn", "fromunicode mn", "fromfile mn", "__setitem__ m",
                "__delitem__ m", "__iadd__ ms", "__imul__ ms");
    }

    private static void defineClass(String pyType, String... methods) {
        CLASSES.put(pyType, parse(methods));
    }

    /** What {@code pyType.name} does for a modelled stdlib class ({@code deque}, {@code Counter}...), or null. */
    public static Method method(String pyType, String name) {
        Map<String, Method> m = CLASSES.get(pyType);
        return m == null ? null : m.get(name);
    }

    /** The modelled stdlib container classes. */
    public static Set<String> classes() {
        return CLASSES.keySet();
    }

    private static void define(ObjKind kind, String... methods) {
        TABLE.put(kind, parse(methods));
    }

    private static Map<String, Method> parse(String... methods) {
        Map<String, Method> m = new LinkedHashMap<>();
        for (String spec : methods) {
            String[] parts = spec.split(" ");
            String f = parts[1];
            m.put(parts[0], new Method(parts[0], f.contains("m"), f.contains("n"), f.contains("s"), f.contains("c"),
                    f.contains("v")));
        }
        return Map.copyOf(m);
    }

    /** The types the table describes: list, dict, set, bytearray (the classes above have their own lookup). */
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
        for (Map<String, Method> ms : CLASSES.values()) {
            for (Method m : ms.values()) {
                if (m.mutates() && !m.name().startsWith("__") && !m.name().startsWith("from")
                        && !m.name().equals("byteswap")) {
                    out.add(m.name());
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
