package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Heap operations on containers: items, elements, attribute and item stores, copies and comprehensions. */
final class Containers {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    Containers(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    void setAttr(Value base, String attr, Value v, Node site, Frame f) {
        boolean strong = base.pts().single() >= 0;
        ctx.factRecorder.mutated(base, site, f, true);
        ctx.forEachObj(base, o -> {
            ObjKind k = objs.get(o).kind();
            if (k == ObjKind.INSTANCE || k == ObjKind.CLASS || k == ObjKind.FUNCTION || k == ObjKind.MODULE
                    || k == ObjKind.UNKNOWN) {
                ctx.setSlot(f.st, o, FieldKey.attr(attr), v, strong);
                ctx.outside.stored(o, FieldKey.attr(attr), f.st);
            }
        });
        if (base.pts().anyMatch(o -> f.st.read(o) != null && f.st.read(o).escaped)) {
            ctx.escapes.escape(v, f);
        }
    }

    void storeItem(Value base, Object key, boolean slice, Value v, Node site, Frame f) {
        storeItem(base, key, null, slice, v, site, f);
    }

    /** {@code base[key] = v}; {@code keyValue} is the key object when the caller evaluated one (a dict keeps it). */
    void storeItem(Value base, Object key, Value keyValue, boolean slice, Value v, Node site, Frame f) {
        Value firstMaps = Value.NOTHING;
        for (int i = 0; i < base.pts().size(); i++) {
            int o = base.pts().get(i);
            if (o != Pts.UNBOUND_ID && "ChainMap".equals(objs.get(o).pyType())) {
                Value maps = ctx.readSlot(f.st, o, FieldKey.attr("maps"));
                firstMaps = firstMaps.join(item(new Value(maps.pts().withoutUnbound(), 0), 0L, site, f));
            }
        }
        if (!firstMaps.pts().isEmpty()) {
            // a ChainMap's writes go to its first map
            storeItem(new Value(firstMaps.pts().withoutUnbound(), firstMaps.pts().single() >= 0 ? firstMaps.sym() : 0),
                    key, keyValue, slice, v, site, f);
        }
        ctx.factRecorder.mutated(base, site, f, true);
        if (!slice) {
            Value k = keyValue != null ? keyValue : key != null ? constantKeyObject(key, site, f) : null;
            if (k != null) {
                Value dicts = new Value(base.pts().filter(o -> o != Pts.UNBOUND_ID
                        && objs.get(o).kind() == ObjKind.DICT), 0);
                addKeys(dicts, k, f.st);
            }
        }
        boolean strong = base.pts().single() >= 0;
        ctx.forEachObj(base, o -> {
            ObjKind k = objs.get(o).kind();
            ObjState s = f.st.read(o);
            if (k == ObjKind.MEMORYVIEW) {
                // a write through a view changes the exporter's memory
                Value exporter = ctx.readSlot(f.st, o, FieldKey.attr("obj"));
                ctx.factRecorder.mutated(new Value(exporter.pts().withoutUnbound(), 0), site, f, true);
                return;
            }
            if (!(k == ObjKind.LIST || k == ObjKind.DICT || k == ObjKind.UNKNOWN || k == ObjKind.INSTANCE)) {
                return;
            }
            if (slice) {
                if (ctx.outside.isOutside(o)) {
                    ctx.outside.forget(f.st);
                }
                ObjState w = f.st.write(o);
                w.collapseItems();
                addItems(new Value(Pts.of(o), 0), elements(v, f.st, site, f), f.st);
                return;
            }
            Object idx = key;
            if (k == ObjKind.LIST && idx instanceof Long l && s != null && s.length >= 0) {
                long i = l < 0 ? l + s.length : l;
                if (i < 0 || i >= s.length) {
                    return; // IndexError
                }
                idx = i;
            } else if (k == ObjKind.LIST) {
                idx = null;
            }
            if (idx != null && (k == ObjKind.DICT || k == ObjKind.LIST
                    || k == ObjKind.UNKNOWN && strong && ctx.outside.isOutside(o))) {
                ctx.setSlot(f.st, o, FieldKey.item(idx), v, strong);
                ctx.outside.stored(o, FieldKey.item(idx), f.st);
            } else {
                if (ctx.outside.isOutside(o)) {
                    ctx.outside.forget(f.st); // an item at a key we cannot tell: any item of any of them
                }
                ObjState w = f.st.write(o);
                Value old = w.fields.get(FieldKey.ANY_ITEM);
                w.fields.put(FieldKey.ANY_ITEM, old == null ? new Value(v.pts(), 0) : old.join(v).withSym(0));
                if (k == ObjKind.DICT && idx == null) {
                    w.collapseItems();
                }
            }
        });
        if (base.pts().anyMatch(o -> f.st.read(o) != null && f.st.read(o).escaped)) {
            ctx.escapes.escape(v, f);
        }
    }

    /** Union of everything the containers may hold. */
    Value elements(Value v, State st, Node site, Frame f) {
        Pts out = Pts.EMPTY;
        boolean unknown = false;
        for (int i = 0; i < v.pts().size(); i++) {
            int o = v.pts().get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            ObjKind k = objs.get(o).kind();
            ObjState s = st.read(o);
            if (k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY || k == ObjKind.RANGE) {
                out = out.union(Pts.of(ctx.computedObj(k == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)));
                continue;
            }
            if (s == null || s.contentsUnknown || k == ObjKind.UNKNOWN || k == ObjKind.INSTANCE
                    || k == ObjKind.GENERATOR || !k.container() && k != ObjKind.ITERATOR) {
                unknown = true;
            }
            if (s != null) {
                for (Map.Entry<FieldKey, Value> e : s.fields.entrySet()) {
                    if (e.getKey().isItem()) {
                        out = out.union(e.getValue().pts().withoutUnbound());
                    }
                }
            }
        }
        if (unknown && f != null && f.st != null) {
            out = out.union(Pts.of(ctx.unknownAt(f.st, site, f.context, 2)));
        }
        return new Value(out, 0);
    }

    /**
     * What iterating over the objects yields: a dict's keys, every other container's elements. {@code list(d)},
     * {@code for k in d}, {@code [*d]} and unpacking read this, never the values.
     */
    Value iterated(Value v, State st, Node site, Frame f) {
        if (!v.pts().anyMatch(o -> o != Pts.UNBOUND_ID && objs.get(o).kind() == ObjKind.DICT)) {
            return elements(v, st, site, f);
        }
        Pts dicts = v.pts().filter(o -> o != Pts.UNBOUND_ID && objs.get(o).kind() == ObjKind.DICT);
        Pts rest = v.pts().filter(o -> o != Pts.UNBOUND_ID && objs.get(o).kind() != ObjKind.DICT);
        Value out = keys(new Value(dicts, 0), st, site, f);
        return rest.isEmpty() ? out : new Value(out.pts().union(elements(new Value(rest, 0), st, site, f).pts()), 0);
    }

    /**
     * The key objects of the dicts. Keys stored with their object are in the KEYS slot; a constant key stored
     * without one is an immutable of the constant's type; keys of a dict whose contents are unknown, or stored
     * where the analysis kept no key, are unknown.
     */
    Value keys(Value dicts, State st, Node site, Frame f) {
        Pts out = Pts.EMPTY;
        boolean unknown = false;
        for (int i = 0; i < dicts.pts().size(); i++) {
            int o = dicts.pts().get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            ObjState s = st.read(o);
            if (s == null || s.contentsUnknown || objs.get(o).kind() != ObjKind.DICT) {
                unknown = true;
                continue;
            }
            Value ks = s.fields.get(FieldKey.KEYS);
            if (ks != null) {
                out = out.union(ks.pts().withoutUnbound());
                continue;
            }
            for (Map.Entry<FieldKey, Value> e : s.fields.entrySet()) {
                if (e.getKey().kind() == FieldKey.Kind.ITEM && f != null) {
                    out = out.union(constantKeyObject(e.getKey().key(), site, f).pts());
                } else if (e.getKey().kind() == FieldKey.Kind.ANY_ITEM) {
                    unknown = true;
                }
            }
        }
        if (unknown && f != null && f.st != null) {
            out = out.union(Pts.of(ctx.unknownAt(f.st, site, f.context, 2)));
        }
        return new Value(out, 0);
    }

    /** Adds key objects to the dicts' keys (weakly: a store never removes another key). */
    void addKeys(Value dicts, Value keys, State st) {
        ctx.forEachObj(dicts, o -> {
            if (objs.get(o).kind() != ObjKind.DICT) {
                return;
            }
            ObjState w = st.write(o);
            Value old = w.fields.get(FieldKey.KEYS);
            Value add = new Value(keys.pts().withoutUnbound(), 0);
            w.fields.put(FieldKey.KEYS, old == null ? add : old.join(add).withSym(0));
        });
    }

    /** An object standing for a constant key the analysis kept by value only: an immutable of its type. */
    private Value constantKeyObject(Object key, Node site, Frame f) {
        ObjKind k = key instanceof String ? ObjKind.STR : key instanceof Long || key instanceof Integer ? ObjKind.INT
                : key instanceof Double ? ObjKind.FLOAT : key instanceof Boolean ? ObjKind.BOOL : ObjKind.TUPLE;
        return new Value(Pts.of(ctx.computedObj(k, site, f)), 0);
    }

    void addItems(Value container, Value items, State st) {
        if (container.pts().anyMatch(o -> st.read(o) != null && st.read(o).escaped) && ctx.escapeFrame != null
                && ctx.escapeFrame.st == st) {
            ctx.escapes.escape(items, ctx.escapeFrame);
        }
        ctx.forEachObj(container, o -> {
            ObjState w = st.write(o);
            w.collapseItems();
            Value old = w.fields.get(FieldKey.ANY_ITEM);
            Value add = new Value(items.pts().withoutUnbound(), 0);
            w.fields.put(FieldKey.ANY_ITEM, old == null ? add : old.join(add).withSym(0));
        });
    }

    void setItems(Value container, List<Value> items, State st) {
        ctx.forEachObj(container, o -> {
            ObjState w = st.write(o);
            w.fields.clear();
            for (int i = 0; i < items.size(); i++) {
                w.fields.put(FieldKey.item((long) i), items.get(i));
            }
            w.length = items.size();
            if (objs.get(o).summary()) {
                w.collapseItems();
            }
        });
    }

    Value item(Value container, Object key, Node site, Frame f) {
        Value path = key == null ? null : ctx.outside.read(container, FieldKey.item(key), site, f);
        if (path != null) {
            return path;
        }
        Pts out = Pts.EMPTY;
        int sym = 0;
        boolean unknown = false;
        boolean single = container.pts().single() >= 0;
        for (int i = 0; i < container.pts().size(); i++) {
            int o = container.pts().get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            ObjKind k = objs.get(o).kind();
            ObjState s = f.st.read(o);
            if (k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY || k == ObjKind.MEMORYVIEW
                    || k == ObjKind.RANGE) {
                out = out.union(Pts.of(ctx.computedObj(k == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)));
                continue;
            }
            if (s == null || s.contentsUnknown || !k.container()) {
                unknown = true;
                if (s == null) {
                    continue;
                }
            }
            Object idx = key;
            if ((k == ObjKind.LIST || k == ObjKind.TUPLE) && idx instanceof Long l && s.length >= 0) {
                long j = l < 0 ? l + s.length : l;
                idx = j >= 0 && j < s.length ? (Object) j : null;
                if (idx == null) {
                    continue; // IndexError on this object
                }
            } else if (k == ObjKind.LIST || k == ObjKind.TUPLE) {
                idx = null;
            }
            Value exact = idx == null ? null : s.fields.get(FieldKey.item(idx));
            if (exact != null && !exact.pts().maybeUnbound() && (k != ObjKind.DICT || s.fields.get(
                    FieldKey.ANY_ITEM) == null)) {
                out = out.union(exact.pts());
                if (single && objs.get(o).singular()) {
                    sym = exact.sym();
                }
            } else {
                for (Map.Entry<FieldKey, Value> e : s.fields.entrySet()) {
                    if (e.getKey().isItem() && (idx == null || !(k == ObjKind.DICT) || e.getKey().equals(
                            FieldKey.item(idx)) || e.getKey().kind() == FieldKey.Kind.ANY_ITEM)) {
                        out = out.union(e.getValue().pts().withoutUnbound());
                    }
                }
                if (k == ObjKind.DICT && idx != null && s.fields.get(FieldKey.item(idx)) == null
                        && s.fields.get(FieldKey.ANY_ITEM) != null) {
                    // key unknown to us but stored at an unknown key: covered by the summary slot
                }
            }
        }
        if (unknown) {
            out = out.union(Pts.of(ctx.unknownAt(f.st, site, f.context, 2)));
        }
        return new Value(out, sym);
    }

    Value shallowCopy(Value src, ObjKind kind, Node site, Frame f) {
        return shallowCopy(src, kind, null, site, f);
    }

    /**
     * {@code base[key]} read: the item, and for a {@code defaultdict} whose key may be missing, the new value its
     * default factory makes and stores under the key ({@code d[k].append(x)} appends to a list d now holds).
     */
    Value load(Value base, Object key, Value keyValue, Node site, Frame f) {
        Value v = item(base, key, site, f);
        for (int i = 0; i < base.pts().size(); i++) {
            int o = base.pts().get(i);
            if (o == Pts.UNBOUND_ID || !"defaultdict".equals(objs.get(o).pyType())) {
                continue;
            }
            ObjState s = f.st.read(o);
            if (s == null || s.contentsUnknown || key != null && s.fields.get(FieldKey.ANY_ITEM) == null
                    && s.fields.get(FieldKey.item(key)) != null
                    && s.fields.get(FieldKey.item(key)).pts().definitelyBound()) {
                continue; // the key is there on every path: no default made
            }
            Value made = madeByFactory(ctx.readSlot(f.st, o, FieldKey.attr("default_factory")), site, f);
            if (made.pts().isEmpty()) {
                continue;
            }
            Value one = new Value(Pts.of(o), 0);
            if (key != null && s.fields.get(FieldKey.ANY_ITEM) == null) {
                Value old = s.fields.get(FieldKey.item(key));
                f.st.write(o).fields.put(FieldKey.item(key), old == null ? made : old.join(made).withSym(0));
            } else {
                addItems(one, made, f.st);
            }
            addKeys(one, keyValue, f.st);
            v = new Value(v.pts().withoutUnbound().union(made.pts()), 0);
        }
        return v;
    }

    /** What calling a defaultdict's factory makes: a new empty container for the builtin types, else unknown. */
    private Value madeByFactory(Value factory, Node site, Frame f) {
        Pts p = factory.pts().withoutUnbound();
        if (p.isEmpty() || p.allMatch(o -> objs.get(o).kind() == ObjKind.NONE)) {
            return Value.NOTHING; // no factory: a missing key raises KeyError
        }
        int b = p.single();
        if (b >= 0 && objs.get(b).kind() == ObjKind.BUILTIN && objs.get(b).constant() instanceof String name) {
            ObjKind k = switch (name) {
                case "list" -> ObjKind.LIST;
                case "dict" -> ObjKind.DICT;
                case "set" -> ObjKind.SET;
                case "int", "float", "str", "bool", "tuple", "bytes", "frozenset" -> ObjKind.INT;
                default -> null;
            };
            if (k == ObjKind.INT) {
                return new Value(Pts.of(ctx.computedObj(name.equals("str") ? ObjKind.STR : ObjKind.INT, site, f)),
                        0);
            }
            if (k != null) {
                int o = ctx.allocate(f.st, site, f.context, 30, k, k.pythonName());
                if (k == ObjKind.LIST) {
                    f.st.write(o).length = 0;
                }
                return ctx.fresh(o);
            }
        }
        return new Value(Pts.of(ctx.unknownAt(f.st, site, f.context, 30)), 0);
    }

    /**
     * A new container of {@code kind} (of Python class {@code pyType}, null for the kind's own) holding what {@code
     * src} holds: a dict's items and keys for a dict made from dicts, what iterating yields otherwise (the keys of
     * a dict made into a list), both halves of the pairs for a dict made from pairs.
     */
    Value shallowCopy(Value src, ObjKind kind, String pyType, Node site, Frame f) {
        boolean fromDicts = src.pts().allMatch(o -> o == Pts.UNBOUND_ID || objs.get(o).kind() == ObjKind.DICT);
        Value elems = kind != ObjKind.DICT ? iterated(src, f.st, site, f) : elements(src, f.st, site, f);
        Value keys = null;
        if (kind == ObjKind.DICT && fromDicts) {
            keys = keys(src, f.st, site, f);
        } else if (kind == ObjKind.DICT) {
            elems = elements(elems, f.st, site, f); // dict(pairs): each pair's key and value
            keys = elems;
        }
        int o = ctx.allocate(f.st, site, f.context, 0, kind, (pyType == null ? kind.pythonName() : pyType) + " copy",
                pyType);
        Value r = ctx.fresh(o);
        List<Value> exact = kind == ObjKind.LIST || kind == ObjKind.TUPLE ? ctx.bindings.exactItems(src, f.st) : null;
        if (exact != null && ctx.kindOf(src.pts()) == kind) {
            List<Value> copyItems = new ArrayList<>();
            for (Value x : exact) {
                copyItems.add(x);
            }
            setItems(r, copyItems, f.st);
        } else if (kind == ObjKind.DICT && src.pts().single() >= 0 && ctx.kindOf(src.pts()) == ObjKind.DICT
                && f.st.read(src.pts().single()) != null && !f.st.read(src.pts().single()).contentsUnknown) {
            ObjState w = f.st.write(o);
            w.fields.putAll(f.st.read(src.pts().single()).fields);
            if (objs.get(src.pts().single()).summary()) {
                w.fields.replaceAll((k2, x) -> x.withSym(0));
            }
        } else {
            if (!elems.pts().isEmpty()) {
                addItems(r, elems, f.st);
            }
            if (keys != null) {
                addKeys(r, keys, f.st);
            }
        }
        recordCopy(site, r, f);
        return r;
    }

    void recordCopy(Node site, Value copy, Frame f) {
        Value elems = elements(copy, f.st, site, null);
        int shared = 0;
        for (int i = 0; i < elems.pts().size(); i++) {
            AbstractObject o = objs.get(elems.pts().get(i));
            if (o != null && o.kind().mutable() && !o.kind().isCode()) {
                shared++;
            }
        }
        CopyFact cf = new CopyFact(site, CopyFact.Depth.SHALLOW, shared);
        ctx.copies.merge(site, cf, (a, b) -> new CopyFact(site, CopyFact.Depth.SHALLOW,
                Math.max(a.sharedMutables(), b.sharedMutables())));
    }

    Value deepCopy(Value src, Node site, Frame f, int depth) {
        if (src.pts().allMatch(o -> {
            ObjKind k = objs.get(o).kind();
            return !k.mutable() && !k.container() || k.isCode();
        })) {
            return src; // immutable atoms (and functions, classes) are shared by deepcopy
        }
        if (depth > 4) {
            int u = ctx.allocate(f.st, site, f.context, 100 + depth, ObjKind.UNKNOWN, "deep copy part");
            f.st.write(u).contentsUnknown = true;
            return ctx.fresh(u);
        }
        ObjKind k = ctx.kindOf(src.pts());
        if (k == ObjKind.UNKNOWN && src.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.UNKNOWN)) {
            int u = ctx.allocate(f.st, site, f.context, 100 + depth, ObjKind.UNKNOWN, "deep copy");
            f.st.write(u).contentsUnknown = true;
            return ctx.fresh(u);
        }
        int o = ctx.allocate(f.st, site, f.context, depth, k, k.pythonName() + " deep copy");
        Value r = ctx.fresh(o);
        List<Value> exact = ctx.bindings.exactItems(src, f.st);
        if (exact != null) {
            List<Value> items = new ArrayList<>();
            for (Value x : exact) {
                items.add(deepCopy(new Value(x.pts(), 0), site, f, depth + 1));
            }
            setItems(r, items, f.st);
        } else {
            Value elems = elements(src, f.st, site, f);
            if (!elems.pts().isEmpty()) {
                Value c = deepCopy(elems, site, f, depth + 1);
                // elements copied at one depth may be many objects: keep only the summary
                addItems(r, new Value(c.pts().map(x -> objs.summaryOf(x)), 0), f.st);
                int single = c.pts().single();
                if (single >= 0 && f.st.has(single) && objs.get(single).origin() == Origin.ALLOCATED
                        && objs.summaryOf(single) != single) {
                    f.st.rename(single, objs.summaryOf(single));
                }
            }
            if (k == ObjKind.INSTANCE || k == ObjKind.UNKNOWN) {
                f.st.write(o).contentsUnknown = true;
            }
        }
        if (depth == 0) {
            ctx.copies.put(site, new CopyFact(site, CopyFact.Depth.DEEP, 0));
        }
        return r;
    }

    Value comprehension(Expr node, List<Comprehension> gens, List<Expr> results, ObjKind kind, Frame f) {
        Scope cs = ctx.scopes.tree().scopeOf(node);
        Value firstIter = ctx.expressions.eval(gens.get(0).iter(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        int result = ctx.allocate(f.st, node, f.context, 0, kind, kind.pythonName() + " comprehension");
        int frameObj = ctx.allocate(f.st, node, f.context, 1, ObjKind.FRAME, "comprehension frame");
        Frame cf = new Frame(cs, frameObj, f.context, f.funcObj, f, f.caller);
        cf.standalone = f.standalone;
        cf.st = f.st;
        cf.recording = false;
        // iterate the body to a fixed point: every element expression runs many times
        State head = cf.st;
        State exit = head;
        for (int iter = 0; iter < ctx.MAX_LOOP_ITERATIONS; iter++) {
            ctx.step();
            cf.st = head.copy();
            compBody(gens, 0, firstIter, results, result, kind, cf, node);
            State next = cf.st == null ? head : head.join(cf.st);
            if (next.equals(head)) {
                exit = next;
                break;
            }
            head = next;
            exit = head;
            if (iter == ctx.MAX_LOOP_ITERATIONS - 1) {
                throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
            }
        }
        f.st = exit;
        f.st.remove(frameObj);
        f.st.remove(objs.summaryOf(frameObj));
        Value r = ctx.fresh(result);
        if (kind == ObjKind.GENERATOR) {
            f.st.write(result).contentsUnknown = false;
        }
        Value src = firstIter;
        if (results.size() == 1 && results.get(0) instanceof Expr.Name n && gens.size() == 1
                && gens.get(0).target() instanceof Expr.Name t && t.id().equals(n.id()) && kind != ObjKind.GENERATOR
                && kind != ObjKind.DICT) {
            recordCopy(node, r, f); // [x for x in xs] is a shallow copy of xs
        }
        return src == null ? r : r;
    }

    private void compBody(List<Comprehension> gens, int i, Value firstIter, List<Expr> results, int result,
                          ObjKind kind, Frame cf, Expr node) {
        if (cf.st == null) {
            return;
        }
        Comprehension g = gens.get(i);
        Value iter = i == 0 ? firstIter : ctx.expressions.eval(g.iter(), cf);
        if (cf.st == null) {
            return;
        }
        Value elem = ctx.statements().iterElements(iter, g.iter(), cf);
        if (cf.st == null) {
            return;
        }
        ctx.bindings.assign(g.target(), elem, cf);
        for (Expr cond : g.ifs()) {
            ctx.expressions.eval(cond, cf);
        }
        if (i + 1 < gens.size()) {
            compBody(gens, i + 1, firstIter, results, result, kind, cf, node);
            return;
        }
        Value r = Value.NOTHING;
        if (kind == ObjKind.DICT && results.size() == 2) {
            Value key = ctx.expressions.eval(results.get(0), cf);
            if (cf.st != null) {
                addKeys(new Value(Pts.of(result), 0), key, cf.st);
            }
            r = ctx.expressions.eval(results.get(1), cf);
        } else if (results.get(0) instanceof Expr.Starred || kind == ObjKind.DICT) {
            // 3.15 (PEP 798) [*x for x in xs], {**d for d in ds}: the items of each, not the iterable itself
            Expr src = results.get(0) instanceof Expr.Starred st ? st.value() : results.get(0);
            Value v = ctx.expressions.eval(src, cf);
            r = cf.st == null ? Value.NOTHING : elements(v, cf.st, src, cf);
        } else {
            r = ctx.expressions.eval(results.get(0), cf);
        }
        if (cf.st != null) {
            addItems(new Value(Pts.of(result), 0), r, cf.st);
        }
    }
}
