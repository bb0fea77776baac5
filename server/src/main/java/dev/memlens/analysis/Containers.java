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
        ctx.factRecorder.mutated(base, site, f, true);
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
        Value elems = elements(src, f.st, site, f);
        int o = ctx.allocate(f.st, site, f.context, 0, kind, kind.pythonName() + " copy");
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
        } else if (!elems.pts().isEmpty()) {
            addItems(r, elems, f.st);
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
            ctx.expressions.eval(results.get(0), cf);
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
