package dev.memlens.analysis;

import dev.memlens.analysis.builtins.BuiltinModels;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/** Classes and attributes: attribute lookup through instances, classes and bases; class and function definitions. */
final class Classes {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    Classes(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    /**
     * Attribute lookup: instance attributes, then the class and its bases (class attributes are shared by all
     * instances until shadowed). Null when the analysis cannot tell.
     */
    Value lookupAttr(Value base, String attr, Node site, Frame f, boolean methodsOnly) {
        if (!methodsOnly) {
            Value path = ctx.outside.read(base, FieldKey.attr(attr), site, f);
            if (path != null) {
                return path;
            }
        }
        Pts out = Pts.EMPTY;
        int sym = 0;
        boolean unknown = false;
        int single = base.pts().single();
        for (int i = 0; i < base.pts().size(); i++) {
            int o = base.pts().get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            AbstractObject ao = objs.get(o);
            ObjState s = f.st.read(o);
            switch (ao.kind()) {
                case MODULE -> {
                    if (ao.constant() instanceof String m && BuiltinModels.isModelledModule(m)) {
                        out = out.union(Pts.of(ctx.builtinObject(m + "." + attr)));
                    } else {
                        unknown = true;
                    }
                }
                case INSTANCE -> {
                    Value own = s == null ? null : s.fields.get(FieldKey.attr(attr));
                    if (own != null && !methodsOnly) {
                        out = out.union(own.pts().withoutUnbound());
                        if (single >= 0 && ao.singular() && own.pts().definitelyBound()) {
                            sym = own.sym();
                        }
                    }
                    if (own == null || own.pts().maybeUnbound() || methodsOnly) {
                        if (s != null && s.contentsUnknown && !methodsOnly) {
                            unknown = true;
                        }
                        Value cls = s == null ? null : s.fields.get(FieldKey.attr("__class__"));
                        if (cls == null) {
                            unknown = true;
                        } else {
                            Pts found = classLookup(cls.pts(), attr, f, new HashSet<>());
                            if (found == null) {
                                unknown = true;
                            } else {
                                out = out.union(found);
                            }
                        }
                    }
                }
                case CLASS -> {
                    Pts found = classLookup(Pts.of(o), attr, f, new HashSet<>());
                    if (found == null) {
                        unknown = true;
                    } else {
                        out = out.union(found);
                    }
                }
                case MEMORYVIEW, ITERATOR, FUNCTION, UNKNOWN -> {
                    Value own = s == null ? null : s.fields.get(FieldKey.attr(attr));
                    if (own != null && own.pts().definitelyBound() && !(s.contentsUnknown)) {
                        out = out.union(own.pts());
                    } else if (ao.kind() == ObjKind.MEMORYVIEW && !attr.equals("obj")) {
                        out = out.union(Pts.of(ctx.builtinObject("memoryview." + attr)));
                    } else {
                        unknown = true;
                    }
                }
                default -> {
                    Value own = ao.pyType() == null || s == null ? null : s.fields.get(FieldKey.attr(attr));
                    if (own != null && own.pts().definitelyBound()) {
                        out = out.union(own.pts()); // a modelled class's data: a ChainMap's maps, a default_factory
                    } else if (ao.kind().isCode() || ao.kind() == ObjKind.FRAME) {
                        unknown = true;
                    } else {
                        out = out.union(Pts.of(ctx.builtinObject(ao.kind().pythonName() + "." + attr)));
                    }
                }
            }
        }
        if (unknown) {
            if (methodsOnly) {
                return null;
            }
            out = out.union(Pts.of(ctx.unknownAt(f.st, site, f.context, 0)));
            sym = 0;
        }
        return new Value(out, sym);
    }

    /**
     * A class whose contents are unknown only because code the analysis cannot see got it (the run for unknown
     * callers starts so): its class statement here, no metaclass or keywords, and bases that are such classes or
     * {@code object}. Its methods are still the ones the file defines (monkey-patching them is not modelled).
     */
    boolean definedHere(int cls, State st) {
        for (int depth = 0; depth < 8; depth++) {
            AbstractObject ac = objs.get(cls);
            ObjState s = st.read(cls);
            if (ac.kind() != ObjKind.CLASS || ac.origin() != Origin.ALLOCATED || s == null || !s.escaped
                    || !(ac.site() instanceof Stmt.ClassDef c) || !c.keywords().isEmpty()) {
                return false;
            }
            Value bases = s.fields.get(FieldKey.attr("__bases__"));
            if (bases == null || bases.pts().isEmpty()) {
                return true;
            }
            int next = -1;
            for (int i = 0; i < bases.pts().size(); i++) {
                int b = bases.pts().get(i);
                if (objs.get(b).kind() == ObjKind.BUILTIN && "object".equals(objs.get(b).constant())) {
                    continue;
                }
                if (next >= 0 || b == Pts.UNBOUND_ID) {
                    return false; // several file bases: not followed
                }
                next = b;
            }
            if (next < 0) {
                return true;
            }
            cls = next;
        }
        return false;
    }

    /** Attribute lookup on classes through their bases (depth-first, a close-enough MRO); null when unknown. */
    Pts classLookup(Pts classes, String attr, Frame f, Set<Integer> seen) {
        Pts out = Pts.EMPTY;
        for (int i = 0; i < classes.size(); i++) {
            int c = classes.get(i);
            if (c == Pts.UNBOUND_ID || !seen.add(c)) {
                continue;
            }
            AbstractObject ac = objs.get(c);
            if (ac.kind() != ObjKind.CLASS) {
                if (ac.kind() == ObjKind.BUILTIN && "object".equals(ac.constant())) {
                    continue;
                }
                return null;
            }
            ObjState s = f.st.read(c);
            if (s == null || s.contentsUnknown && !definedHere(c, f.st)) {
                return null;
            }
            Value v = s.fields.get(FieldKey.attr(attr));
            if (v != null && v.pts().definitelyBound()) {
                out = out.union(v.pts());
                continue;
            }
            if (v != null) {
                out = out.union(v.pts().withoutUnbound());
            }
            Value bases = s.fields.get(FieldKey.attr("__bases__"));
            if (bases != null) {
                Pts more = classLookup(bases.pts().withoutUnbound(), attr, f, seen);
                if (more == null) {
                    return null;
                }
                out = out.union(more);
                if (more.isEmpty() && (v == null)) {
                    continue;
                }
            }
        }
        return out;
    }

    void classDef(Stmt.ClassDef c, Frame f) {
        List<Value> decorators = new ArrayList<>();
        for (Expr d : c.decorators()) {
            decorators.add(ctx.expressions.eval(d, f));
        }
        Pts bases = Pts.EMPTY;
        boolean unknownBase = false;
        for (Expr b : c.bases()) {
            Value v = ctx.expressions.eval(b, f);
            if (f.st == null) {
                return;
            }
            bases = bases.union(v.pts());
            if (!v.pts().allMatch(o -> objs.get(o).kind() == ObjKind.CLASS
                    || objs.get(o).kind() == ObjKind.BUILTIN && "object".equals(objs.get(o).constant()))) {
                unknownBase = true;
            }
        }
        for (Keyword k : c.keywords()) {
            ctx.expressions.eval(k.value(), f);
            unknownBase = true; // metaclass or __init_subclass__ arguments: code we do not model
        }
        if (f.st == null) {
            return;
        }
        int cls = ctx.allocate(f.st, c, f.context, 0, ObjKind.CLASS, "class " + c.name().name());
        ObjState w = f.st.write(cls);
        w.fields.put(FieldKey.attr("__bases__"), new Value(bases, 0));
        if (unknownBase) {
            w.contentsUnknown = true;
        }
        Scope cs = ctx.scopes.tree().scopeOf(c);
        Frame body = new Frame(cs, cls, f.context, f.funcObj, f.scope.kind() == ScopeKind.MODULE ? null : f,
                f.caller);
        body.st = f.st;
        body.recording = f.recording;
        body.standalone = f.standalone;
        ctx.statements().execBlock(c.body(), body);
        f.st = body.st;
        if (f.st == null) {
            return;
        }
        Value v = ctx.fresh(cls);
        for (Value d : decorators) {
            v = ctx.calls.callValue(d, List.of(v), new LinkedHashMap<>(), c, f);
            if (f.st == null) {
                return;
            }
        }
        ctx.bindings.store(c.name().name(), v, f);
    }

    Value makeFunction(Node def, Arguments args, List<Expr> decoratorExprs, Frame f) {
        List<Value> decorators = new ArrayList<>();
        for (Expr d : decoratorExprs) {
            decorators.add(ctx.expressions.eval(d, f));
        }
        // defaults are evaluated once, now: one object shared by every call that omits the argument
        List<Value> defaults = new ArrayList<>();
        for (Expr d : args.defaults()) {
            defaults.add(ctx.expressions.eval(d, f));
        }
        List<Value> kwDefaults = new ArrayList<>();
        for (Expr d : args.kwDefaults()) {
            kwDefaults.add(d == null ? null : ctx.expressions.eval(d, f));
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Scope s = ctx.scopes.tree().scopeOf(def);
        int fn = ctx.allocate(f.st, def, f.context, 0, ObjKind.FUNCTION, () -> "function " + s.qualname(), null);
        ObjState w = f.st.write(fn);
        List<Arg> positional = new ArrayList<>(args.posonlyargs());
        positional.addAll(args.args());
        for (int i = 0; i < defaults.size(); i++) {
            Arg a = positional.get(positional.size() - defaults.size() + i);
            w.fields.put(FieldKey.attr("__default__" + a.name()), defaults.get(i));
        }
        for (int i = 0; i < kwDefaults.size(); i++) {
            if (kwDefaults.get(i) != null) {
                w.fields.put(FieldKey.attr("__default__" + args.kwonlyargs().get(i).name()), kwDefaults.get(i));
            }
        }
        // closure: the frames of every enclosing function, as this frame sees them
        for (Scope p = s.parent(); p != null && p.kind() != ScopeKind.MODULE; p = p.parent()) {
            if (p.kind() == ScopeKind.CLASS) {
                continue;
            }
            Pts frames = f.framesOf(p);
            if (!frames.isEmpty()) {
                w.fields.put(FieldKey.attr("__closure__" + p.qualname()), new Value(frames, 0));
            }
        }
        Value v = ctx.fresh(fn);
        for (int i = decorators.size() - 1; i >= 0; i--) {
            Value d = decorators.get(i);
            if (d.pts().allMatch(o -> objs.get(o).kind() == ObjKind.BUILTIN && ("staticmethod".equals(
                    objs.get(o).constant()) || "property".equals(objs.get(o).constant())
                    || "classmethod".equals(objs.get(o).constant())))) {
                // descriptors: calls through them are not modelled, so the function behaves as unknown code
                ctx.escapes.escape(v, f);
                continue;
            }
            v = ctx.calls.callValue(d, List.of(v), new LinkedHashMap<>(), def, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
        }
        return v;
    }
}
