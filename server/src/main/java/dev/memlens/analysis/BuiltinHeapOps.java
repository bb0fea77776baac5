package dev.memlens.analysis;

import dev.memlens.analysis.builtins.HeapOps;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import java.util.List;

/** The interpreter's side of {@link HeapOps}, bound to one call: what builtin models may do to the abstract state. */
final class BuiltinHeapOps implements HeapOps {
    private final AnalysisRun ctx;
    private final ObjectTable objs;
    private final Node site;
    private final Frame f;

    BuiltinHeapOps(AnalysisRun ctx, Node site, Frame f) {
        this.ctx = ctx;
        this.objs = ctx.objs;
        this.site = site;
        this.f = f;
    }

    @Override
    public Value alloc(ObjKind kind, int flavor) {
        return ctx.fresh(ctx.allocate(f.st, site, f.context, 10 + flavor, kind, kind.pythonName()));
    }

    @Override
    public Value tuplesMade(List<Value> parts, int flavor) {
        int many = ctx.objs.summaryOf(ctx.objs.site(site, f.context, 10 + flavor, ObjKind.TUPLE, "tuple"));
        ObjState w = f.st.write(many);
        boolean first = w.fields.isEmpty() && w.length < 0;
        if (first || w.length == parts.size()) {
            // a tuple's length never changes: every tuple made here has these positions (items joined over calls)
            for (int i = 0; i < parts.size(); i++) {
                FieldKey k = FieldKey.item((long) i);
                Value v = parts.get(i).withSym(0);
                Value old = w.fields.get(k);
                w.fields.put(k, first || old == null ? v : old.join(v).withSym(0));
            }
            w.length = parts.size();
        } else {
            w.collapseItems();
            for (Value part : parts) {
                ctx.containers.addItems(new Value(Pts.of(many), 0), part, f.st);
            }
            f.st.write(many).length = -1;
        }
        return new Value(Pts.of(many), 0);
    }

    @Override
    public Value alloc(ObjKind kind, String pyType, int flavor) {
        return ctx.fresh(ctx.allocate(f.st, site, f.context, 10 + flavor, kind, pyType, pyType));
    }

    @Override
    public Value builtin(String qualified) {
        return new Value(Pts.of(ctx.builtinObject(qualified)), 0);
    }

    @Override
    public Value copyInstance(Value instance) {
        return ctx.dataclasses.copy(instance, site, f);
    }

    @Override
    public Value unknown() {
        return ctx.fresh(ctx.unknownAt(f.st, site, f.context, 0));
    }

    @Override
    public Value none() {
        return ctx.none();
    }

    @Override
    public Value computed(ObjKind kind) {
        if (kind == ObjKind.BOOL) {
            return ctx.bools();
        }
        return ctx.fresh(ctx.computedObj(kind, site, f));
    }

    @Override
    public ObjKind kindOf(Pts pts) {
        return ctx.kindOf(pts);
    }

    @Override
    public Value elements(Value containers) {
        return ctx.containers.elements(containers, f.st, site, f);
    }

    @Override
    public Value iterated(Value iterables) {
        return ctx.containers.iterated(iterables, f.st, site, f);
    }

    @Override
    public Value keys(Value dicts) {
        return ctx.containers.keys(dicts, f.st, site, f);
    }

    @Override
    public void addKeys(Value dicts, Value keys) {
        if (keys != null) {
            ctx.containers.addKeys(dicts, keys, f.st);
        }
    }

    @Override
    public String pyTypeOf(Value v) {
        return ctx.pyTypeOf(v);
    }

    @Override
    public Value item(Value container, Object key) {
        return ctx.containers.item(container, key, site, f);
    }

    @Override
    public void setItems(Value container, List<Value> items) {
        ctx.containers.setItems(container, items, f.st);
    }

    @Override
    public void addItems(Value container, Value elements) {
        if (elements != null) {
            ctx.containers.addItems(container, elements, f.st);
        }
    }

    @Override
    public void setItem(Value container, Object key, Value v) {
        ctx.containers.storeItem(container, key, false, v, site, f);
    }

    @Override
    public void forgetPositions(Value container) {
        ctx.forEachObj(container, o -> f.st.write(o).collapseItems());
    }

    @Override
    public void clear(Value container) {
        boolean strong = container.pts().single() >= 0 && objs.get(container.pts().single()).singular();
        if (strong) {
            ObjState w = f.st.write(container.pts().single());
            w.fields.entrySet().removeIf(e -> e.getKey().isItem() || e.getKey().kind() == FieldKey.Kind.KEY);
            if (objs.get(container.pts().single()).kind() == ObjKind.LIST) {
                w.length = 0;
            }
        }
    }

    @Override
    public void mutates(Value receiver) {
        ctx.factRecorder.mutated(receiver, site, f, true);
        if (receiver.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.BYTEARRAY)) {
            // resizing a bytearray with a live view raises BufferError; the analysis keeps the object
            return;
        }
    }

    @Override
    public void escape(Value v) {
        ctx.escapes.escape(v, f);
    }

    @Override
    public Value shallowCopy(Value source, ObjKind kind) {
        return ctx.containers.shallowCopy(source, kind, site, f);
    }

    @Override
    public Value shallowCopy(Value source, ObjKind kind, String pyType) {
        return ctx.containers.shallowCopy(source, kind, pyType, site, f);
    }

    @Override
    public Value deepCopy(Value source) {
        Value r = ctx.containers.deepCopy(source, site, f, 0);
        if (!ctx.copies.containsKey(site)) {
            ctx.copies.put(site, new CopyFact(site, CopyFact.Depth.DEEP, 0));
        }
        return r;
    }

    @Override
    public Object constantOf(Value v) {
        if (site instanceof Expr.Call c && !c.args().isEmpty()) {
            Expr a = c.args().get(0);
            if (a instanceof Expr.Constant k) {
                return Constants.key(k);
            }
        }
        return null;
    }

    @Override
    public void setAttr(Value target, String attr, Value v) {
        ctx.forEachObj(target, o -> ctx.setSlot(f.st, o, FieldKey.attr(attr), v, true));
    }

    @Override
    public Value attr(Value target, String attr) {
        Value out = Value.NOTHING;
        for (int i = 0; i < target.pts().size(); i++) {
            out = out.join(ctx.readSlot(f.st, target.pts().get(i), FieldKey.attr(attr)));
        }
        return out;
    }
}
