package dev.memlens.analysis;

import dev.memlens.analysis.builtins.BuiltinModels;
import dev.memlens.analysis.builtins.HeapOps;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls: which callees a call may reach, entering file functions with their actual arguments (call-site context),
 * instantiating classes, builtins through their models.
 */
final class Calls {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    Calls(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    Value call(Expr.Call c, Frame f) {
        List<Value> args = new ArrayList<>();
        Map<String, Value> kwargs = new LinkedHashMap<>();
        boolean spread = false;
        if (c.func() instanceof Expr.Attribute a) {
            Value recv = ctx.expressions.eval(a.value(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            spread = evalArgs(c, args, kwargs, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            return methodCall(recv, a.attr().name(), args, kwargs, spread, c, f);
        }
        Value fn = ctx.expressions.eval(c.func(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        spread = evalArgs(c, args, kwargs, f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (ctx.identity.isIdCall(c) && !args.isEmpty()) {
            ctx.identity.rememberIdArg(c, args.get(0));
        }
        if (spread) {
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(fn);
            return ctx.escapes.unknownCall(all, c, f);
        }
        return callValue(fn, args, kwargs, c, f);
    }

    /** Evaluates arguments; true when *args / **kwargs make positions unknown. */
    private boolean evalArgs(Expr.Call c, List<Value> args, Map<String, Value> kwargs, Frame f) {
        boolean spread = false;
        for (Expr a : c.args()) {
            Value v = ctx.expressions.eval(a, f);
            if (f.st == null) {
                return spread;
            }
            if (a instanceof Expr.Starred) {
                spread = true;
                v = ctx.containers.elements(v, f.st, a, f);
            }
            args.add(v);
        }
        for (Keyword k : c.keywords()) {
            Value v = ctx.expressions.eval(k.value(), f);
            if (f.st == null) {
                return spread;
            }
            if (k.arg() == null) {
                spread = true;
                kwargs.put("**" + kwargs.size(), ctx.containers.elements(v, f.st, k, f));
            } else {
                kwargs.put(k.arg().name(), v);
            }
        }
        return spread;
    }

    private Value methodCall(Value recv, String name, List<Value> args, Map<String, Value> kwargs, boolean spread,
                             Expr.Call c, Frame f) {
        ObjKind k = ctx.kindOf(recv.pts());
        if (!recv.pts().definitelyBound()) {
            k = ObjKind.UNKNOWN;
        }
        if (k == ObjKind.MODULE) {
            int m = recv.pts().single();
            if (m >= 0 && objs.get(m).constant() instanceof String mod && BuiltinModels.isModelledModule(mod)
                    && !spread) {
                return callValue(new Value(Pts.of(ctx.builtinObject(mod + "." + name)), 0), args, kwargs, c, f);
            }
        }
        if (k == ObjKind.INSTANCE || k == ObjKind.CLASS) {
            Value method = ctx.classes.lookupAttr(recv, name, c.func(), f, false);
            if (method != null && !spread && method.pts().definitelyBound()
                    && method.pts().allMatch(o -> objs.get(o).kind() == ObjKind.FUNCTION)) {
                // a method defined in the file: for an instance, self is the receiver (unless it was an
                // instance attribute holding a plain function)
                boolean fromInstance = k == ObjKind.INSTANCE && !instanceHasOwn(recv, name, f);
                List<Value> full = new ArrayList<>();
                if (fromInstance) {
                    full.add(recv);
                }
                full.addAll(args);
                return callFunctions(method, full, kwargs, c, f);
            }
            if (method != null && !spread && method.pts().definitelyBound()) {
                return callValue(method, args, kwargs, c, f);
            }
        }
        if (k.container() || k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY
                || k == ObjKind.MEMORYVIEW || k == ObjKind.INT || k == ObjKind.FLOAT) {
            if (!spread) {
                Value r = BuiltinModels.call(k.pythonName() + "." + name, recv, args, kwargs, ops(c, f));
                if (r != null && f.st != null) {
                    return r.sym() == 0 && r.pts().single() >= 0 ? r.withSym(objs.freshSym()) : r;
                }
            }
        }
        if (k == ObjKind.BUILTIN && !spread && recv.pts().single() >= 0
                && objs.get(recv.pts().single()).constant() instanceof String type) {
            Value r = BuiltinModels.call(type + "." + name, null, args, kwargs, ops(c, f));
            if (r != null && f.st != null) {
                return r.sym() == 0 && r.pts().single() >= 0 ? r.withSym(objs.freshSym()) : r;
            }
        }
        if (k == ObjKind.CLASS && name.equals("fromkeys")) {
            return ctx.escapes.unknownCall(allArgs(recv, args, kwargs), c, f);
        }
        if (BuiltinModels.MUTATING_METHODS.contains(name)) {
            // a method that changes every builtin container it exists on: it changes this object, or raises
            // (semantics.md, "The open world": who sees the change is certain when the receiver is)
            ctx.factRecorder.mutated(recv, c, f, true);
            int o = recv.pts().single();
            if (k == ObjKind.UNKNOWN && ctx.outside.isOutside(o)) {
                // taken for the builtin container method: it changes the receiver's items, no other slot, and
                // runs no other code (what it keeps of the arguments escapes with the receiver)
                return ctx.escapes.unknownCall(allArgs(recv, args, kwargs), c, f, false);
            }
        }
        List<Value> all = allArgs(recv, args, kwargs);
        return ctx.escapes.unknownCall(all, c, f);
    }

    private boolean instanceHasOwn(Value recv, String name, Frame f) {
        for (int i = 0; i < recv.pts().size(); i++) {
            ObjState s = f.st.read(recv.pts().get(i));
            if (s != null && s.fields.containsKey(FieldKey.attr(name))) {
                return true;
            }
        }
        return false;
    }

    private static List<Value> allArgs(Value recv, List<Value> args, Map<String, Value> kwargs) {
        List<Value> all = new ArrayList<>();
        all.add(recv);
        all.addAll(args);
        all.addAll(kwargs.values());
        return all;
    }

    /** Calls whatever {@code fn} may be. */
    Value callValue(Value fn, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        Pts p = fn.pts().withoutUnbound();
        if (p.isEmpty()) {
            f.st = null; // calling an unbound name raises
            return Value.NOTHING;
        }
        if (fn.pts().definitelyBound() && p.allMatch(o -> objs.get(o).kind() == ObjKind.FUNCTION)) {
            return callFunctions(fn, args, kwargs, c, f);
        }
        if (fn.pts().definitelyBound() && p.allMatch(o -> objs.get(o).kind() == ObjKind.CLASS)) {
            return instantiate(fn, args, kwargs, c, f);
        }
        int b = p.single();
        if (b >= 0 && objs.get(b).kind() == ObjKind.BUILTIN && fn.pts().definitelyBound()) {
            String name = (String) objs.get(b).constant();
            if (name.equals("exec") || name.equals("eval") || name.equals("setattr") || name.equals("delattr")
                    || name.equals("globals") || name.equals("vars") || name.equals("locals")) {
                List<Value> all = new ArrayList<>(args);
                all.addAll(kwargs.values());
                Value r = ctx.escapes.unknownCall(all, c, f);
                if (f.st != null && (name.equals("exec") || name.equals("eval") || name.equals("globals")
                        || name.equals("vars") || name.equals("locals"))) {
                    ctx.bindings.havocNames(f);
                    if (f.scope.kind() != ScopeKind.MODULE) {
                        ctx.escapes.havocGlobals(c, f);
                    }
                }
                return r;
            }
            if (name.equals("getattr") && args.size() >= 2 && c instanceof Expr.Call call
                    && call.args().get(1) instanceof Expr.Constant k && k.kind() == ConstantKind.STR
                    && Constants.strValue(k.raw()) != null) {
                Value v = ctx.classes.lookupAttr(args.get(0), Constants.strValue(k.raw()), c, f, false);
                if (v != null) {
                    return args.size() > 2 ? new Value(v.pts().union(args.get(2).pts()), 0) : v;
                }
            }
            Value r = BuiltinModels.call(name, null, args, kwargs, ops(c, f));
            if (r != null && f.st != null) {
                if (name.equals("sorted") || name.equals("copy.copy") && !r.equals(args.get(0))) {
                    for (Value a : args) {
                        if (a.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.INSTANCE
                                || objs.get(o).kind() == ObjKind.UNKNOWN)) {
                            ctx.escapes.escape(a, f); // comparisons or __copy__ may run code we cannot see
                        }
                    }
                }
                return r.sym() == 0 && r.pts().single() >= 0 && objs.get(r.pts().single()).singular()
                        ? r.withSym(objs.freshSym()) : r;
            }
        }
        List<Value> all = new ArrayList<>(args);
        all.addAll(kwargs.values());
        all.add(fn);
        return ctx.escapes.unknownCall(all, c, f);
    }

    private Value instantiate(Value cls, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        boolean unknownClass = cls.pts().anyMatch(o -> {
            ObjState s = f.st.read(o);
            return s == null || s.contentsUnknown;
        });
        int inst = ctx.allocate(f.st, c, f.context, 0, ObjKind.INSTANCE, "instance");
        ObjState w = f.st.write(inst);
        w.fields.put(FieldKey.attr("__class__"), new Value(cls.pts(), 0));
        Value self = ctx.fresh(inst);
        if (unknownClass) {
            w.contentsUnknown = true;
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(self);
            ctx.escapes.unknownCall(all, c, f);
            return f.st == null ? Value.NOTHING : self;
        }
        Pts init = ctx.classes.classLookup(cls.pts(), "__init__", f, new HashSet<>());
        Pts newFn = ctx.classes.classLookup(cls.pts(), "__new__", f, new HashSet<>());
        if (init == null || newFn == null || !newFn.isEmpty()) {
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(self);
            ctx.escapes.unknownCall(all, c, f);
            return f.st == null ? Value.NOTHING : (newFn != null && !newFn.isEmpty()
                    ? new Value(self.pts().union(Pts.of(ctx.unknownAt(f.st, c, f.context, 8))), 0) : self);
        }
        if (!init.isEmpty()) {
            List<Value> full = new ArrayList<>();
            full.add(self);
            full.addAll(args);
            if (init.allMatch(o -> objs.get(o).kind() == ObjKind.FUNCTION)) {
                callFunctions(new Value(init, 0), full, kwargs, c, f);
            } else {
                List<Value> all = new ArrayList<>(full);
                all.addAll(kwargs.values());
                ctx.escapes.unknownCall(all, c, f);
            }
        }
        return f.st == null ? Value.NOTHING : self;
    }

    /** Enters functions defined in the file (call-site context), or treats them as unknown past the limits. */
    Value callFunctions(Value fn, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        Pts p = fn.pts().withoutUnbound();
        State before = f.st;
        State out = null;
        Value result = Value.NOTHING;
        for (int i = 0; i < p.size(); i++) {
            int fo = p.get(i);
            f.st = p.size() == 1 ? before : before.copy();
            Value r = callOne(fo, args, kwargs, c, f);
            if (f.st != null) {
                out = State.join(out, f.st);
                result = result == Value.NOTHING ? r : result.join(r);
            }
        }
        f.st = out;
        return p.size() == 1 ? result : new Value(result.pts(), 0);
    }

    private Value callOne(int fo, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        AbstractObject fobj = objs.get(fo);
        Node def = fobj.site();
        Scope s = ctx.scopes.tree().scopeOf(def);
        Arguments params = def instanceof Stmt.FunctionDef fd ? fd.args() : ((Expr.Lambda) def).args();
        boolean generator = def instanceof Stmt.FunctionDef fdef && ctx.generators.computeIfAbsent(def,
                k -> fdef.isAsync() || AnalysisRun.containsYield(fdef.body()));
        if (s == null || ctx.callStack.contains(def) || ctx.callStack.size() >= (f.standalone || ctx.inStandalone()
                ? ctx.MAX_STANDALONE_DEPTH : ctx.MAX_CALL_DEPTH) || ctx.overSoftBudget()
                || generator || f.st.read(fo) == null) {
            if (s != null && !generator && f.st.read(fo) != null) {
                Value r = ctx.effectSummaries.callWithSummary(fo, def, s, params, args, kwargs, c, f);
                if (r != null) {
                    return r;
                }
            }
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(new Value(Pts.of(fo), 0));
            Value r = ctx.escapes.unknownCall(all, c, f);
            if (f.st != null) {
                ctx.escapes.havocGlobals(c, f);
            }
            if (generator && f.st != null) {
                int g = ctx.allocate(f.st, c, f.context, 9, ObjKind.GENERATOR, "generator");
                f.st.write(g).contentsUnknown = true;
                f.st.write(g).escaped = true;
                return ctx.fresh(g);
            }
            return r;
        }
        int frameObj = ctx.allocate(f.st, def, c, 0, ObjKind.FRAME, "frame of " + s.qualname());
        Frame callee = new Frame(s, frameObj, c, fo, null, f);
        callee.st = f.st;
        callee.recording = f.recording;
        if (!bindParams(params, args, kwargs, fo, callee)) {
            f.st = callee.st;
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            return ctx.escapes.unknownCall(all, c, f);
        }
        ctx.callStack.push(def);
        try {
            if (def instanceof Stmt.FunctionDef fd) {
                ctx.statements().execBlock(fd.body(), callee);
                if (callee.st != null) {
                    callee.returned = callee.returned == Value.NOTHING ? ctx.none()
                            : callee.returned.join(ctx.none()).withSym(0);
                    callee.returnState = State.join(callee.returnState, callee.st);
                }
            } else {
                Value v = ctx.expressions.eval(((Expr.Lambda) def).body(), callee);
                callee.returned = v;
                callee.returnState = callee.st;
            }
        } finally {
            ctx.callStack.pop();
        }
        f.st = callee.returnState;
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (s.children().isEmpty()) {
            f.st.remove(frameObj); // no closure can keep this frame's variables alive
        }
        return callee.returned;
    }

    private boolean bindParams(Arguments params, List<Value> args, Map<String, Value> kwargs, int fo, Frame callee) {
        List<Arg> positional = new ArrayList<>(params.posonlyargs());
        positional.addAll(params.args());
        Map<String, Value> kw = new LinkedHashMap<>(kwargs);
        ObjState fs = callee.st.read(fo);
        for (int i = 0; i < positional.size(); i++) {
            Arg a = positional.get(i);
            Value v;
            if (i < args.size()) {
                v = args.get(i);
            } else if (kw.containsKey(a.name()) && i >= params.posonlyargs().size()) {
                v = kw.remove(a.name());
            } else {
                v = fs == null ? null : fs.fields.get(FieldKey.attr("__default__" + a.name()));
                if (v == null) {
                    return false; // TypeError, or a call shape we do not follow
                }
            }
            ctx.setSlot(callee.st, callee.frameObj, FieldKey.name(a.name()), v, true);
        }
        if (args.size() > positional.size()) {
            if (params.vararg() == null) {
                return false;
            }
            Value t = ctx.fresh(ctx.allocate(callee.st, params.vararg(), callee.context, 0, ObjKind.TUPLE, "*args"));
            ctx.containers.setItems(t, args.subList(positional.size(), args.size()), callee.st);
            ctx.setSlot(callee.st, callee.frameObj, FieldKey.name(params.vararg().name()), t, true);
        } else if (params.vararg() != null) {
            Value t = ctx.emptyTuple();
            ctx.setSlot(callee.st, callee.frameObj, FieldKey.name(params.vararg().name()), t, true);
        }
        for (Arg a : params.kwonlyargs()) {
            Value v = kw.remove(a.name());
            if (v == null) {
                v = fs == null ? null : fs.fields.get(FieldKey.attr("__default__" + a.name()));
                if (v == null) {
                    return false;
                }
            }
            ctx.setSlot(callee.st, callee.frameObj, FieldKey.name(a.name()), v, true);
        }
        if (params.kwarg() != null) {
            Value d = ctx.fresh(ctx.allocate(callee.st, params.kwarg(), callee.context, 0, ObjKind.DICT, "**kwargs"));
            for (Map.Entry<String, Value> e : kw.entrySet()) {
                callee.st.write(d.pts().single()).fields.put(FieldKey.item(e.getKey()), e.getValue());
            }
            ctx.setSlot(callee.st, callee.frameObj, FieldKey.name(params.kwarg().name()), d, true);
        } else if (!kw.isEmpty()) {
            return false;
        }
        return true;
    }

    private HeapOps ops(Node site, Frame f) {
        ctx.escapeFrame = f;
        return new BuiltinHeapOps(ctx, site, f);
    }
}
