package dev.memlens.analysis.builtins;

import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Value;
import java.util.List;
import java.util.Map;

/**
 * Models of {@code collections} (deque, Counter, OrderedDict, defaultdict, ChainMap, UserDict, UserList) and
 * {@code array.array}. Each is an object of the kind whose behaviour it shares (a deque or a UserList is list-like, a
 * Counter or an OrderedDict dict-like) labelled with its Python class, so every rule and hint that knows lists and
 * dicts knows them, and the user sees {@code deque}, not {@code list}. Their constructors are shallow copies of
 * what they are given; the methods they share with their kind are the kind's models.
 */
final class CollectionsModels {
    private CollectionsModels() {
    }

    /** The kind a modelled class behaves as, or null when {@code pyType} is not one. */
    static ObjKind kindOf(String pyType) {
        return switch (pyType) {
            case "deque", "UserList", "array" -> ObjKind.LIST;
            case "Counter", "OrderedDict", "defaultdict", "ChainMap", "UserDict" -> ObjKind.DICT;
            default -> null;
        };
    }

    /** {@code collections.deque(xs)}, {@code array.array("i", xs)}...; null for a name that is not modelled. */
    static Value construct(String name, List<Value> args, Map<String, Value> kwargs, HeapOps h) {
        String type = switch (name) {
            case "collections.deque", "collections.Counter", "collections.OrderedDict", "collections.defaultdict",
                 "collections.ChainMap", "collections.UserDict", "collections.UserList" ->
                    name.substring("collections.".length());
            case "array.array" -> "array";
            default -> null;
        };
        if (type == null) {
            return null;
        }
        ObjKind kind = kindOf(type);
        Value a0 = args.isEmpty() ? null : args.get(0);
        switch (type) {
            case "array" -> {
                // an array stores raw numbers: reading one makes a new int or float, nothing is shared
                Value arr = h.alloc(kind, type, 0);
                if (args.size() > 1) {
                    h.addItems(arr, h.computed(ObjKind.INT));
                } else {
                    h.setItems(arr, List.of());
                }
                return arr;
            }
            case "defaultdict" -> {
                // defaultdict(factory, *dict_args): the factory makes the value a missing key reads
                Value dd = fill(type, args.size() > 1 ? args.get(1) : null, kwargs, h);
                h.setAttr(dd, "default_factory", a0 == null ? h.none() : a0);
                return dd;
            }
            case "ChainMap" -> {
                // a view over its maps: reads find what any map holds, writes go to the first map
                Value cm = h.alloc(kind, type, 0);
                Value maps = h.alloc(ObjKind.LIST, 1);
                h.setItems(maps, args.isEmpty() ? List.of(h.alloc(ObjKind.DICT, 2)) : args);
                h.setAttr(cm, "maps", maps);
                for (Value m : args) {
                    h.addItems(cm, h.elements(m));
                    h.addKeys(cm, h.keys(m));
                }
                return cm;
            }
            case "Counter" -> {
                Value c = h.alloc(kind, type, 0);
                if (a0 != null) {
                    count(c, a0, h);
                }
                kwargs.forEach((k, v) -> h.setItem(c, k, v));
                return c;
            }
            default -> {
                Value r = fill(type, a0, kind == ObjKind.DICT ? kwargs : Map.of(), h);
                if (type.equals("deque") && (args.size() > 1 || kwargs.containsKey("maxlen"))) {
                    h.forgetPositions(r); // a bounded deque drops items from the other end
                }
                return r;
            }
        }
    }

    /** A new object of a modelled class holding the iterable's (or mapping's) items: a shallow copy. */
    private static Value fill(String type, Value source, Map<String, Value> kwargs, HeapOps h) {
        ObjKind kind = kindOf(type);
        Value r;
        if (source == null) {
            r = h.alloc(kind, type, 0);
            if (kind == ObjKind.LIST) {
                h.setItems(r, List.of());
            }
        } else {
            r = h.shallowCopy(source, kind, type);
        }
        kwargs.forEach((k, v) -> h.setItem(r, k, v));
        return r;
    }

    /** Counter(iterable) counts the elements (keys, with new ints); Counter(mapping) takes its keys and counts. */
    private static void count(Value counter, Value source, HeapOps h) {
        if (h.kindOf(source.pts()) == ObjKind.DICT) {
            h.addItems(counter, h.elements(source));
            h.addKeys(counter, h.keys(source));
        } else {
            h.addItems(counter, h.computed(ObjKind.INT));
            h.addKeys(counter, h.iterated(source));
        }
    }

    /**
     * A method of a modelled class: its own methods here, the ones it shares with its kind from the kind's model
     * ({@code fallback}); null when there is none.
     */
    static Value method(String type, String m, Value self, List<Value> args, HeapOps h,
                        java.util.function.Function<String, Value> fallback) {
        ObjKind kind = kindOf(type);
        Value a0 = args.isEmpty() ? null : args.get(0);
        switch (m) {
            case "copy", "__copy__" -> {
                if (type.equals("array") || type.equals("ChainMap")) {
                    return null;
                }
                Value c = h.shallowCopy(self, kind, type);
                if (type.equals("defaultdict")) {
                    h.setAttr(c, "default_factory", h.attr(self, "default_factory"));
                }
                return c;
            }
            case "appendleft" -> {
                if (!type.equals("deque")) {
                    return null;
                }
                h.mutates(self);
                h.addItems(self, a0);
                return h.none();
            }
            case "extendleft" -> {
                if (!type.equals("deque") || a0 == null) {
                    return null;
                }
                h.mutates(self);
                h.addItems(self, h.iterated(a0));
                return h.none();
            }
            case "popleft" -> {
                if (!type.equals("deque")) {
                    return null;
                }
                Value e = h.elements(self);
                h.mutates(self);
                h.forgetPositions(self);
                return e;
            }
            case "rotate", "move_to_end" -> {
                if (!type.equals(m.equals("rotate") ? "deque" : "OrderedDict")) {
                    return null;
                }
                h.mutates(self);
                h.forgetPositions(self);
                return h.none();
            }
            case "update", "subtract" -> {
                if (type.equals("ChainMap") || m.equals("subtract") && !type.equals("Counter")) {
                    return null;
                }
                if (!type.equals("Counter")) {
                    return fallback.apply(m);
                }
                h.mutates(self);
                if (a0 != null) {
                    count(self, a0, h);
                }
                h.addItems(self, h.computed(ObjKind.INT)); // counts are added up into new ints
                return h.none();
            }
            case "most_common" -> {
                if (!type.equals("Counter")) {
                    return null;
                }
                Value out = h.alloc(ObjKind.LIST, 0);
                Value pair = h.alloc(ObjKind.TUPLE, 1);
                h.setItems(pair, List.of(h.keys(self), h.elements(self)));
                h.addItems(out, pair);
                return out;
            }
            case "elements" -> {
                if (!type.equals("Counter")) {
                    return null;
                }
                Value it = h.alloc(ObjKind.ITERATOR, 0);
                h.addItems(it, h.keys(self));
                return it;
            }
            case "total" -> {
                return type.equals("Counter") ? h.computed(ObjKind.INT) : null;
            }
            case "tolist" -> {
                if (!type.equals("array")) {
                    return null;
                }
                Value l = h.alloc(ObjKind.LIST, 0);
                h.addItems(l, h.computed(ObjKind.INT));
                return l;
            }
            case "tobytes" -> {
                return type.equals("array") ? h.computed(ObjKind.BYTES) : null;
            }
            case "append", "extend", "insert", "fromlist", "frombytes", "byteswap" -> {
                if (type.equals("array")) {
                    h.mutates(self);
                    h.addItems(self, h.computed(ObjKind.INT)); // stored as raw numbers, read back as new ones
                    return h.none();
                }
                return kind == ObjKind.LIST && !m.startsWith("from") && !m.equals("byteswap") ? fallback.apply(m)
                        : null;
            }
            default -> {
                if (type.equals("ChainMap") && BuiltinMethods.method(type, m) != null
                        && BuiltinMethods.method(type, m).mutates()) {
                    return null; // writes go to the first map: left to the unknown-call model
                }
                if (type.equals("deque") && m.equals("sort")) {
                    return null;
                }
                return fallback.apply(m);
            }
        }
    }
}
