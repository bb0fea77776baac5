package dev.memlens.analysis;

import dev.memlens.analysis.ScopeNames.Where;
import dev.memlens.analysis.builtins.BuiltinModels;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Assignment targets and names: stores and loads through the scope a name lives in, unpacking, del, augmented
 * assignment.
 */
final class Bindings {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    Bindings(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    /** Binds a name in the frame's scope, wherever that name lives (local, cell, global, class namespace). */
    void store(String name, Value v, Frame f) {
        if (f.scope.kind() == ScopeKind.MODULE && !f.standalone && ctx.stableGlobals().contains(name)) {
            ctx.stableBindings++;
        }
        Where r = ctx.scopes.where(f.scope, name);
        if (r == Where.LOCAL || f.scope.kind() == ScopeKind.MODULE) {
            ctx.setSlot(f.st, f.frameObj, f.localKey(name), v, true);
        } else if (r == Where.GLOBAL) {
            if (f.standalone || f.st.read(ctx.moduleObj) == null) {
                return; // the module's globals are not tracked in a standalone run
            }
            ctx.setSlot(f.st, ctx.moduleObj, FieldKey.name(name), v, true);
        } else {
            Scope d = ctx.scopes.definingScope(f.scope, name);
            Pts frames = d == null ? Pts.EMPTY : f.framesOf(d);
            boolean strong = frames.single() >= 0;
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i) != Pts.UNBOUND_ID) {
                    ctx.setSlot(f.st, frames.get(i), FieldKey.name(name), v, strong);
                }
            }
        }
    }

    Value load(Expr.Name n, Frame f) {
        String name = n.id();
        Where r = ctx.scopes.where(f.scope, name);
        Value v;
        if (f.scope.kind() == ScopeKind.MODULE) {
            v = ctx.readSlot(f.st, ctx.moduleObj, FieldKey.name(name));
            v = withBuiltin(v, name, n, f);
        } else if (r == Where.LOCAL) {
            v = ctx.readSlot(f.st, f.frameObj, f.localKey(name));
            if (f.scope.kind() == ScopeKind.CLASS && v.pts().maybeUnbound()) {
                Value g = loadGlobalOrFree(n, f);
                v = new Value(v.pts().withoutUnbound().union(g.pts()), v.pts().definitelyBound() ? v.sym() : 0);
            }
        } else {
            v = loadGlobalOrFree(n, f);
        }
        if (v.sym() == 0 && v.pts().size() > 0) {
            // name the concrete object this read found, so that copies of it are known to be the same object
            v = v.withSym(objs.freshSym());
            if (v.pts().definitelyBound()) {
                rewriteSym(n, name, r, v, f);
            }
        }
        return v;
    }

    private void rewriteSym(Expr.Name n, String name, Where r, Value v, Frame f) {
        if (f.scope.kind() == ScopeKind.MODULE) {
            ctx.setSlot(f.st, ctx.moduleObj, FieldKey.name(name), v, true);
        } else if (r == Where.LOCAL && f.scope.kind() != ScopeKind.CLASS) {
            if (objs.get(f.frameObj).singular()) {
                ctx.setSlot(f.st, f.frameObj, f.localKey(name), v, true);
            }
        }
    }

    private Value loadGlobalOrFree(Expr.Name n, Frame f) {
        String name = n.id();
        Where r = f.scope.kind() == ScopeKind.CLASS && ctx.scopes.definingScope(f.scope, name) == null
                ? Where.GLOBAL : ctx.scopes.where(f.scope, name);
        if (r == Where.FREE || r == Where.LOCAL && f.scope.kind() == ScopeKind.CLASS) {
            Scope d = ctx.scopes.definingScope(f.scope, name);
            if (d != null) {
                Pts frames = f.framesOf(d);
                if (frames.isEmpty()) {
                    return ctx.fresh(ctx.unknownAt(f.st, n, f.context, 0));
                }
                Value v = null;
                for (int i = 0; i < frames.size(); i++) {
                    Value x = ctx.readSlot(f.st, frames.get(i), FieldKey.name(name));
                    v = v == null ? x : v.join(x);
                }
                return v;
            }
        }
        Value v = ctx.readSlot(f.st, ctx.moduleObj, FieldKey.name(name));
        return withBuiltin(v, name, n, f);
    }

    private Value withBuiltin(Value v, String name, Expr.Name n, Frame f) {
        if (!v.pts().maybeUnbound()) {
            return v;
        }
        Pts rest = v.pts().withoutUnbound();
        Pts b;
        if (BuiltinModels.isBuiltinName(name)) {
            b = Pts.of(ctx.builtinObject(name));
        } else if (name.equals("None")) {
            b = ctx.none().pts();
        } else if (ctx.dynamicModuleNames || f.standalone) {
            b = Pts.of(ctx.unknownAt(f.st, n, f.context, 1));
        } else {
            b = rest.isEmpty() ? Pts.UNBOUND : Pts.EMPTY; // NameError on that path
            if (rest.isEmpty()) {
                b = Pts.of(ctx.unknownAt(f.st, n, f.context, 1)); // maybe a builtin we do not list
            }
        }
        return new Value(rest.union(b), rest.isEmpty() ? 0 : 0);
    }

    /** After {@code from m import *} or exec(): any name of the scope may have been rebound. */
    void havocNames(Frame f) {
        if (ctx.recorder != null) {
            ctx.recorder.opaque();
        }
        ObjState w = f.st.write(f.frameObj);
        int u = ctx.unknownAt(f.st, f.scope.owner(), f.context, 5);
        w = f.st.write(f.frameObj);
        w.fields.replaceAll((k, v) -> new Value(v.pts().union(Pts.of(u)), 0));
    }

    void assign(Expr t, Value v, Frame f) {
        if (t instanceof Expr.Name n) {
            store(n.id(), v, f);
            ctx.pointsTo.merge(n, v.pts(), Pts::union);
        } else if (t instanceof Expr.TupleDisplay || t instanceof Expr.ListDisplay) {
            List<Expr> elts = t instanceof Expr.TupleDisplay d ? d.elts() : ((Expr.ListDisplay) t).elts();
            unpack(elts, v, t, f);
        } else if (t instanceof Expr.Starred s) {
            assign(s.value(), v, f);
        } else if (t instanceof Expr.Attribute a) {
            Value base = ctx.expressions.eval(a.value(), f);
            if (f.st == null) {
                return;
            }
            ctx.containers.setAttr(base, a.attr().name(), v, a, f);
        } else if (t instanceof Expr.Subscript sub) {
            Value base = ctx.expressions.eval(sub.value(), f);
            if (f.st == null) {
                return;
            }
            Object key = null;
            Value keyValue = null;
            boolean slice = sub.slice() instanceof Expr.Slice;
            if (slice) {
                Expr.Slice sl = (Expr.Slice) sub.slice();
                ctx.expressions.eval(sl.lower(), f);
                ctx.expressions.eval(sl.upper(), f);
                ctx.expressions.eval(sl.step(), f);
            } else {
                keyValue = ctx.expressions.eval(sub.slice(), f);
                key = ctx.identity.constantKey(sub.slice(), keyValue);
            }
            if (f.st == null) {
                return;
            }
            ctx.containers.storeItem(base, key, keyValue, slice, v, sub, f);
        }
    }

    private void unpack(List<Expr> elts, Value v, Node site, Frame f) {
        int star = -1;
        for (int i = 0; i < elts.size(); i++) {
            if (elts.get(i) instanceof Expr.Starred) {
                star = i;
            }
        }
        List<Value> exact = exactItems(v, f.st);
        if (exact != null && star < 0 && exact.size() != elts.size()) {
            f.st = null; // ValueError on every path
            return;
        }
        Value all = exact == null ? ctx.containers.iterated(v, f.st, site, f) : null;
        for (int i = 0; i < elts.size(); i++) {
            if (f.st == null) {
                return;
            }
            Expr e = elts.get(i);
            if (i == star) {
                Value l = ctx.fresh(ctx.allocate(f.st, e, f.context, 0, ObjKind.LIST, "list"));
                if (exact != null) {
                    List<Value> part = exact.subList(star, Math.max(star, exact.size() - (elts.size() - star - 1)));
                    ctx.containers.setItems(l, part, f.st);
                } else {
                    ctx.containers.addItems(l, all, f.st);
                }
                assign(((Expr.Starred) e).value(), l, f);
            } else if (exact != null) {
                int idx = star >= 0 && i > star ? exact.size() - (elts.size() - i) : i;
                if (idx < 0 || idx >= exact.size()) {
                    f.st = null;
                    return;
                }
                assign(e, exact.get(idx), f);
            } else {
                assign(e, new Value(all.pts(), 0), f);
            }
        }
    }

    /** The items of a list/tuple whose positions are known on every path, or null. */
    List<Value> exactItems(Value v, State st) {
        int o = v.pts().single();
        if (o < 0) {
            return null;
        }
        ObjState s = st.read(o);
        ObjKind k = objs.get(o).kind();
        // a summary tuple keeps positions only when every tuple it stands for has them (HeapOps.tuplesMade)
        if (s == null || s.length < 0 || s.contentsUnknown || !(k == ObjKind.LIST || k == ObjKind.TUPLE)
                || objs.get(o).summary() && k != ObjKind.TUPLE) {
            return null;
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            Value x = s.fields.get(FieldKey.item((long) i));
            if (x == null) {
                return null;
            }
            out.add(x);
        }
        return out;
    }

    void delete(Expr t, Frame f) {
        if (t instanceof Expr.Name n) {
            store(n.id(), Value.UNBOUND, f);
        } else if (t instanceof Expr.TupleDisplay d) {
            d.elts().forEach(e -> delete(e, f));
        } else if (t instanceof Expr.ListDisplay d) {
            d.elts().forEach(e -> delete(e, f));
        } else if (t instanceof Expr.Subscript sub) {
            Value base = ctx.expressions.eval(sub.value(), f);
            Value k = sub.slice() instanceof Expr.Slice ? Value.NOTHING : ctx.expressions.eval(sub.slice(), f);
            if (f.st == null) {
                return;
            }
            Object key = sub.slice() instanceof Expr.Slice ? null : ctx.identity.constantKey(sub.slice(), k);
            ctx.factRecorder.mutated(base, sub, f, true);
            for (int i = 0; i < base.pts().size(); i++) {
                int o = base.pts().get(i);
                if (o == Pts.UNBOUND_ID) {
                    continue;
                }
                ObjKind kind = objs.get(o).kind();
                ObjState w = f.st.write(o);
                if (kind == ObjKind.DICT && key != null && objs.get(o).singular()) {
                    w.fields.put(FieldKey.item(key), Value.UNBOUND);
                } else {
                    w.collapseItems();
                }
                if (ctx.outside.isOutside(o)) {
                    ctx.outside.forget(f.st); // items shift or go: any item of what came from outside
                }
            }
        } else if (t instanceof Expr.Attribute a) {
            Value base = ctx.expressions.eval(a.value(), f);
            if (f.st == null) {
                return;
            }
            ctx.factRecorder.mutated(base, a, f, true);
            int o = base.pts().single();
            if (o >= 0 && objs.get(o).singular()) {
                f.st.write(o).fields.put(FieldKey.attr(a.attr().name()), Value.UNBOUND);
                ctx.outside.stored(o, FieldKey.attr(a.attr().name()), f.st);
            }
        }
    }

    void augAssign(Stmt.AugAssign a, Frame f) {
        Value cur = evalTargetAsLoad(a.target(), f);
        if (f.st == null) {
            return;
        }
        Value rhs = ctx.expressions.eval(a.value(), f);
        if (f.st == null) {
            return;
        }
        ObjKind k = ctx.kindOf(cur.pts());
        Operator op = a.op();
        boolean inPlace = k == ObjKind.LIST && (op == Operator.ADD || op == Operator.MULT)
                || k == ObjKind.SET && (op == Operator.BITOR || op == Operator.BITAND || op == Operator.SUB
                || op == Operator.BITXOR)
                || k == ObjKind.DICT && op == Operator.BITOR
                || k == ObjKind.BYTEARRAY && (op == Operator.ADD || op == Operator.MULT);
        Value result;
        if (inPlace) {
            ctx.factRecorder.mutated(cur, a, f, true);
            if (k == ObjKind.DICT) {
                ctx.containers.addItems(cur, ctx.containers.elements(rhs, f.st, a, f), f.st);
                ctx.containers.addKeys(cur, ctx.containers.keys(rhs, f.st, a, f), f.st);
            } else if (op == Operator.ADD || op == Operator.BITOR || op == Operator.BITXOR) {
                ctx.containers.addItems(cur, ctx.containers.iterated(rhs, f.st, a, f), f.st);
            } else if (op == Operator.MULT) {
                ctx.forEachObj(cur, o -> f.st.write(o).collapseItems());
            }
            result = cur;
        } else if (k.mutable() && k != ObjKind.BYTEARRAY) {
            // an object with unknown __iadd__: may mutate in place, may return anything
            ctx.factRecorder.mutatedMay(cur, a, f);
            Value r = ctx.expressions.binop(cur, op, rhs, a, f);
            if (f.st == null) {
                return;
            }
            result = new Value(cur.pts().union(r.pts()), 0);
        } else {
            result = ctx.expressions.binop(cur, op, rhs, a, f);
            if (f.st == null) {
                return;
            }
        }
        // the store back: on a tuple item it raises TypeError after the in-place change
        if (a.target() instanceof Expr.Subscript sub) {
            Value base = ctx.expressions.eval(sub.value(), f);
            if (f.st != null && base.pts().definitelyBound()
                    && base.pts().allMatch(o -> objs.get(o).kind() == ObjKind.TUPLE)) {
                ctx.statements().raise(f);
                return;
            }
        }
        if (f.st != null) {
            assign(a.target(), result, f);
        }
    }

    /**
     * The current value of an augmented assignment's target. The target node itself is evaluated (its context plays
     * no part in evaluation): objects are keyed by their site's identity, so a node built anew on each evaluation
     * would be a new site in every loop iteration and the loop would never reach its fixed point.
     */
    private Value evalTargetAsLoad(Expr t, Frame f) {
        return t instanceof Expr.Name n ? load(n, f) : ctx.expressions.eval(t, f);
    }
}
