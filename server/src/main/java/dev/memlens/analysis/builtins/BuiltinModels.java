package dev.memlens.analysis.builtins;

import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Models of builtin functions, stdlib functions and methods of builtin types: which mutate their receiver or
 * arguments, which return None, which return a stored element, which return a new object. A name without a model
 * returns null from {@link #call} and the interpreter treats the call as unknown.
 */
public final class BuiltinModels {
    private BuiltinModels() {
    }

    /** Builtins resolvable by bare name (the ones with models or known to be harmless). */
    private static final Set<String> BUILTIN_NAMES = Set.of("len", "list", "dict", "set", "frozenset", "tuple",
            "str", "bytes", "bytearray", "memoryview", "int", "float", "complex", "bool", "range", "id", "print",
            "repr", "sorted", "reversed", "iter", "next", "zip", "enumerate", "map", "filter", "isinstance",
            "issubclass", "hash", "abs", "min", "max", "sum", "any", "all", "type", "object", "hasattr", "callable",
            "format", "ord", "chr", "round", "divmod", "pow", "hex", "oct", "bin", "ascii", "getattr", "setattr",
            "delattr", "vars", "globals", "locals", "exec", "eval", "open", "input", "super", "property",
            "staticmethod", "classmethod", "slice", "Exception", "ValueError", "TypeError", "KeyError",
            "IndexError", "RuntimeError", "StopIteration", "AttributeError", "NotImplementedError",
            "BufferError", "OSError", "ImportError", "ZeroDivisionError", "AssertionError", "BaseException",
            "NameError", "UnboundLocalError", "LookupError", "ArithmeticError", "KeyboardInterrupt",
            "SystemExit", "GeneratorExit", "FileNotFoundError", "NotImplemented", "Ellipsis", "__name__",
            "__file__", "__doc__", "__import__", "dir", "help", "compile", "breakpoint", "aiter", "anext");

    /** Stdlib modules whose attributes have models. */
    private static final Set<String> MODELLED_MODULES = Set.of("copy", "sys", "gc", "weakref", "random",
            "collections", "array", "dataclasses");

    /** Pure functions returning a new immutable or unknown object and touching nothing. */
    private static final Set<String> PURE = Set.of("len", "id", "repr", "isinstance", "issubclass", "hash", "abs",
            "hasattr", "callable", "format", "ord", "chr", "round", "divmod", "pow", "hex", "oct", "bin", "ascii",
            "print", "gc.collect", "type", "any", "all", "sum", "gc.get_referrers", "sys.getsizeof");

    public static boolean isBuiltinName(String name) {
        return BUILTIN_NAMES.contains(name);
    }

    public static boolean isModelledModule(String name) {
        return MODELLED_MODULES.contains(name);
    }

    /** Mutating methods of builtin types by name, used when the receiver's type is unknown (may-mutation). */
    public static final Set<String> MUTATING_METHODS = BuiltinMethods.mutatingAnyKind();

    /**
     * Models a call. {@code name} is "len", "copy.copy" or a method "list.append"; {@code self} is the receiver of
     * a method (null for functions). Returns null when there is no model.
     */
    public static Value call(String name, Value self, List<Value> args, Map<String, Value> kwargs, HeapOps h) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() < 2 ? null : args.get(1);
        if (PURE.contains(name)) {
            return switch (name) {
                case "print", "gc.collect" -> name.equals("print") ? h.none() : h.computed(ObjKind.INT);
                case "len", "id", "hash", "ord", "sum", "gc.collect2", "sys.getsizeof" -> h.computed(ObjKind.INT);
                case "isinstance", "issubclass", "hasattr", "callable", "any", "all" -> h.computed(ObjKind.BOOL);
                case "repr", "chr", "hex", "oct", "bin", "ascii", "format" -> h.computed(ObjKind.STR);
                default -> h.unknown();
            };
        }
        switch (name) {
            // ---- constructors: a new container holding the iterable's elements (a shallow copy)
            case "list", "set", "frozenset", "tuple", "dict", "sorted" -> {
                ObjKind kind = switch (name) {
                    case "list", "sorted" -> ObjKind.LIST;
                    case "set" -> ObjKind.SET;
                    case "frozenset" -> ObjKind.FROZENSET;
                    case "tuple" -> ObjKind.TUPLE;
                    default -> ObjKind.DICT;
                };
                if (a0 == null) {
                    Value v = kind == ObjKind.TUPLE ? h.computed(ObjKind.TUPLE) : h.alloc(kind, 0);
                    if (kind == ObjKind.LIST || kind == ObjKind.TUPLE) {
                        h.setItems(v, List.of());
                    }
                    if (name.equals("dict")) {
                        kwargs.forEach((k, x) -> h.setItem(v, k, x));
                    }
                    return v;
                }
                if (kind == ObjKind.TUPLE && h.kindOf(a0.pts()) == ObjKind.TUPLE) {
                    return a0; // tuple(t) returns t itself
                }
                if (kind == ObjKind.FROZENSET && h.kindOf(a0.pts()) == ObjKind.FROZENSET) {
                    return a0;
                }
                Value copy = h.shallowCopy(a0, kind);
                if (name.equals("sorted")) {
                    h.forgetPositions(copy);
                }
                if (name.equals("dict")) {
                    kwargs.forEach((k, x) -> h.setItem(copy, k, x));
                }
                return copy;
            }
            case "str", "int", "float", "bool", "complex", "bytes", "range" -> {
                ObjKind kind = switch (name) {
                    case "str" -> ObjKind.STR;
                    case "int" -> ObjKind.INT;
                    case "float" -> ObjKind.FLOAT;
                    case "bool" -> ObjKind.BOOL;
                    case "complex" -> ObjKind.COMPLEX;
                    case "bytes" -> ObjKind.BYTES;
                    default -> ObjKind.RANGE;
                };
                if (a0 != null && h.kindOf(a0.pts()) == kind && kind != ObjKind.RANGE && args.size() == 1) {
                    return a0; // str(s), int(i) return their argument for exact builtin types
                }
                return h.computed(kind);
            }
            case "bytearray" -> {
                return h.alloc(ObjKind.BYTEARRAY, 0);
            }
            case "memoryview" -> {
                if (a0 == null) {
                    return null;
                }
                Value mv = h.alloc(ObjKind.MEMORYVIEW, 0);
                h.setAttr(mv, "obj", a0); // the view keeps its exporter alive and shares its memory
                return mv;
            }
            case "copy.copy" -> {
                if (a0 == null) {
                    return null;
                }
                ObjKind k = h.kindOf(a0.pts());
                if (k == ObjKind.LIST || k == ObjKind.DICT || k == ObjKind.SET) {
                    return h.shallowCopy(a0, k);
                }
                if (!k.mutable() && k != ObjKind.UNKNOWN) {
                    return a0; // copying an immutable returns the object itself
                }
                return k == ObjKind.INSTANCE ? h.copyInstance(a0) : null;
            }
            case "dataclasses.dataclass" -> {
                // @dataclass marks the class (its __init__ is generated); @dataclass(...) returns the decorator
                if (a0 == null) {
                    return h.builtin("dataclasses.dataclass");
                }
                if (h.kindOf(a0.pts()) != ObjKind.CLASS) {
                    return null;
                }
                h.setAttr(a0, "__dataclass_fields__", h.alloc(ObjKind.DICT, 0));
                return a0;
            }
            case "dataclasses.replace" -> {
                Value c = a0 == null ? null : h.copyInstance(a0);
                if (c != null) {
                    kwargs.forEach((k, v) -> h.setAttr(c, k, v));
                }
                return c;
            }
            case "copy.deepcopy" -> {
                return a0 == null ? null : h.deepCopy(a0);
            }
            case "sys.getrefcount" -> {
                return h.computed(ObjKind.INT);
            }
            case "sys.intern" -> {
                return a0 == null ? null : h.computed(ObjKind.STR);
            }
            case "weakref.ref", "weakref.proxy" -> {
                return h.alloc(ObjKind.WEAKREF, 0); // a weak reference holds no strong reference
            }
            case "random.shuffle" -> {
                if (a0 == null) {
                    return null;
                }
                h.mutates(a0);
                h.forgetPositions(a0);
                return h.none();
            }
            case "random.choice" -> {
                return a0 == null ? null : h.elements(a0);
            }
            case "random.random", "random.randint", "random.randrange" -> {
                return h.computed(ObjKind.INT);
            }
            case "reversed", "iter", "enumerate", "zip", "map", "filter" -> {
                // iterators over the argument: they hold it and yield its elements (zip/enumerate yield new tuples)
                // iterating yields what the sources yield: a dict's keys, the same element objects (not copies)
                Value it = h.alloc(ObjKind.ITERATOR, 0);
                for (Value a : args) {
                    h.setAttr(it, "source", a);
                    if (name.equals("map") || name.equals("filter")) {
                        h.escape(a);
                    }
                }
                if (name.equals("reversed") || name.equals("iter") || name.equals("filter")) {
                    Value src = name.equals("filter") ? a1 : a0;
                    if (src != null) {
                        h.addItems(it, h.iterated(src));
                    }
                } else if (!name.equals("map")) {
                    // enumerate yields (int, element), zip one element of each source: a new tuple each step, so
                    // two steps' tuples are never one object (a = next(e); b = next(e))
                    Value tup;
                    List<Value> parts = new java.util.ArrayList<>();
                    if (name.equals("enumerate")) {
                        parts.add(h.computed(ObjKind.INT));
                        if (a0 != null) {
                            parts.add(h.iterated(a0));
                        }
                    } else {
                        for (Value a : args) {
                            parts.add(h.iterated(a));
                        }
                    }
                    tup = h.tuplesMade(parts, 1);
                    h.addItems(it, tup);
                } else {
                    h.addItems(it, h.unknown());
                }
                return it;
            }
            case "next" -> {
                if (a0 == null) {
                    return null;
                }
                ObjKind k = h.kindOf(a0.pts());
                if (k == ObjKind.ITERATOR) {
                    return args.size() > 1 ? h.elements(a0).join(a1) : h.elements(a0);
                }
                return null;
            }
            case "min", "max" -> {
                if (args.size() == 1 && kwargs.isEmpty()) {
                    return h.iterated(a0);
                }
                Value r = Value.NOTHING;
                for (Value a : args) {
                    r = r.join(a);
                }
                return kwargs.isEmpty() && !args.isEmpty() ? new Value(r.pts(), 0) : null;
            }
            case "dict.fromkeys" -> {
                Value d = h.alloc(ObjKind.DICT, 0);
                h.addItems(d, a1 == null ? h.none() : a1); // one value object shared by every key
                if (a0 != null) {
                    h.addKeys(d, h.iterated(a0));
                }
                return d;
            }
            default -> {
                Value made = self == null ? CollectionsModels.construct(name, args, kwargs, h) : null;
                return made != null ? made : method(name, self, args, h);
            }
        }
    }

    /** {@code d.update(other)}: a mapping's keys and values, or the halves of an iterable of pairs. */
    static void addEntries(Value dict, Value other, HeapOps h) {
        if (h.kindOf(other.pts()) == ObjKind.DICT) {
            h.addItems(dict, h.elements(other));
            h.addKeys(dict, h.keys(other));
        } else {
            Value halves = h.elements(h.iterated(other));
            h.addItems(dict, halves);
            h.addKeys(dict, halves);
        }
    }

    private static Value method(String name, Value self, List<Value> args, HeapOps h) {
        if (self == null) {
            return null;
        }
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() < 2 ? null : args.get(1);
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String type = name.substring(0, dot);
        String m = name.substring(dot + 1);
        ObjKind base = CollectionsModels.kindOf(type);
        if (base != null) {
            return CollectionsModels.method(type, m, self, args, h,
                    shared -> method(base.pythonName() + "." + shared, self, args, h));
        }
        switch (type) {
            case "list" -> {
                switch (m) {
                    case "append" -> {
                        h.mutates(self);
                        h.addItems(self, a0);
                        return h.none();
                    }
                    case "extend", "__iadd__" -> {
                        h.mutates(self);
                        h.addItems(self, h.iterated(a0));
                        return m.equals("extend") ? h.none() : self;
                    }
                    case "insert" -> {
                        h.mutates(self);
                        h.forgetPositions(self);
                        h.addItems(self, a1);
                        return h.none();
                    }
                    case "pop" -> {
                        Value e = h.elements(self);
                        h.mutates(self);
                        h.forgetPositions(self);
                        return e;
                    }
                    case "remove", "sort", "reverse", "__imul__" -> {
                        h.mutates(self);
                        h.forgetPositions(self);
                        return m.equals("__imul__") ? self : h.none();
                    }
                    case "clear" -> {
                        h.mutates(self);
                        h.clear(self);
                        return h.none();
                    }
                    case "copy" -> {
                        return h.shallowCopy(self, ObjKind.LIST);
                    }
                    case "index", "count" -> {
                        return h.computed(ObjKind.INT);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case "dict" -> {
                switch (m) {
                    case "get" -> {
                        Object k = a0 == null ? null : h.constantOf(a0);
                        Value v = h.item(self, k);
                        return v.join(a1 == null ? h.none() : a1);
                    }
                    case "setdefault" -> {
                        h.mutates(self);
                        Value def = a1 == null ? h.none() : a1;
                        Object k = a0 == null ? null : h.constantOf(a0);
                        Value old = h.item(self, k);
                        if (k != null) {
                            h.setItem(self, k, new Value(old.pts().withoutUnbound().union(def.pts()), 0));
                        } else {
                            h.addItems(self, def);
                            h.addKeys(self, a0);
                        }
                        return new Value(old.pts().withoutUnbound().union(def.pts()), 0);
                    }
                    case "pop" -> {
                        Object k = a0 == null ? null : h.constantOf(a0);
                        Value v = h.item(self, k);
                        h.mutates(self);
                        return a1 == null ? v : v.join(a1);
                    }
                    case "popitem" -> {
                        Value t = h.alloc(ObjKind.TUPLE, 0);
                        h.setItems(t, List.of(h.keys(self), h.elements(self)));
                        h.mutates(self);
                        return t;
                    }
                    case "update", "__ior__" -> {
                        h.mutates(self);
                        if (a0 != null) {
                            addEntries(self, a0, h);
                        }
                        return m.equals("update") ? h.none() : self;
                    }
                    case "clear" -> {
                        h.mutates(self);
                        h.clear(self);
                        return h.none();
                    }
                    case "copy" -> {
                        return h.shallowCopy(self, ObjKind.DICT);
                    }
                    case "__or__" -> {
                        Value c = h.shallowCopy(self, ObjKind.DICT);
                        if (a0 != null) {
                            addEntries(c, a0, h);
                        }
                        return c;
                    }
                    case "keys", "values", "items" -> {
                        // views over the dict: keys() yields the key objects, values() the values, items() new
                        // (key, value) tuples
                        Value view = h.alloc(ObjKind.ITERATOR, 0);
                        h.setAttr(view, "source", self);
                        if (m.equals("items")) {
                            Value pair = h.alloc(ObjKind.TUPLE, 1);
                            h.setItems(pair, List.of(h.keys(self), h.elements(self)));
                            h.addItems(view, pair);
                        } else {
                            h.addItems(view, m.equals("keys") ? h.keys(self) : h.elements(self));
                        }
                        return view;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case "set" -> {
                switch (m) {
                    case "add" -> {
                        h.mutates(self);
                        h.addItems(self, a0);
                        return h.none();
                    }
                    case "update", "__ior__", "__iand__", "__isub__", "__ixor__", "intersection_update",
                         "difference_update", "symmetric_difference_update" -> {
                        // only a union adds the other's elements; intersection and difference keep a subset
                        h.mutates(self);
                        boolean adds = m.equals("update") || m.equals("__ior__") || m.equals("__ixor__")
                                || m.equals("symmetric_difference_update");
                        for (Value a : adds ? args : List.<Value>of()) {
                            h.addItems(self, h.iterated(a));
                        }
                        return m.startsWith("__") ? self : h.none();
                    }
                    case "discard", "remove" -> {
                        h.mutates(self);
                        return h.none();
                    }
                    case "pop" -> {
                        h.mutates(self);
                        return h.elements(self);
                    }
                    case "clear" -> {
                        h.mutates(self);
                        h.clear(self);
                        return h.none();
                    }
                    case "copy", "union", "intersection", "difference", "symmetric_difference" -> {
                        Value c = h.shallowCopy(self, ObjKind.SET);
                        for (Value a : m.equals("union") || m.equals("symmetric_difference") ? args : List.<Value>of()) {
                            h.addItems(c, h.iterated(a));
                        }
                        return c;
                    }
                    case "issubset", "issuperset", "isdisjoint" -> {
                        return h.computed(ObjKind.BOOL);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case "bytearray" -> {
                switch (m) {
                    case "append", "extend", "insert", "remove", "reverse", "clear", "__iadd__", "__imul__" -> {
                        h.mutates(self);
                        return m.startsWith("__") ? self : h.none();
                    }
                    case "pop" -> {
                        h.mutates(self);
                        return h.computed(ObjKind.INT);
                    }
                    case "copy" -> {
                        return h.alloc(ObjKind.BYTEARRAY, 0);
                    }
                    case "decode", "hex" -> {
                        return h.computed(ObjKind.STR);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case "memoryview" -> {
                switch (m) {
                    case "tobytes" -> {
                        return h.computed(ObjKind.BYTES);
                    }
                    case "tolist" -> {
                        return h.alloc(ObjKind.LIST, 0);
                    }
                    case "release" -> {
                        return h.none();
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case "str", "bytes" -> {
                ObjKind k = type.equals("str") ? ObjKind.STR : ObjKind.BYTES;
                return switch (m) {
                    case "split", "rsplit", "splitlines" -> {
                        Value l = h.alloc(ObjKind.LIST, 0);
                        h.addItems(l, h.computed(k));
                        yield l;
                    }
                    case "find", "rfind", "index", "rindex", "count" -> h.computed(ObjKind.INT);
                    case "startswith", "endswith", "isdigit", "isalpha", "isspace", "isidentifier", "islower",
                         "isupper", "isalnum" -> h.computed(ObjKind.BOOL);
                    case "encode" -> h.computed(ObjKind.BYTES);
                    case "decode" -> h.computed(ObjKind.STR);
                    case "join", "upper", "lower", "strip", "lstrip", "rstrip", "replace", "format", "title",
                         "capitalize", "ljust", "rjust", "center", "zfill", "casefold", "swapcase",
                         "removeprefix", "removesuffix", "expandtabs", "hex" -> {
                        if (m.equals("join") && a0 != null) {
                            h.elements(a0);
                        }
                        yield h.computed(k);
                    }
                    default -> null;
                };
            }
            case "tuple" -> {
                return m.equals("index") || m.equals("count") ? h.computed(ObjKind.INT) : null;
            }
            case "int", "float" -> {
                return m.equals("bit_length") || m.equals("conjugate") || m.equals("is_integer")
                        ? h.computed(ObjKind.INT) : null;
            }
            default -> {
                return null;
            }
        }
    }
}
