package dev.memlens.analysis;

import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.UnaryOperator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Expression evaluation: one visit per kind of {@link Expr}, displays, subscripts and operators; depth-bounded. */
final class Expressions {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    /** Expressions nest at most this deep in the interpreter's own stack (see {@link #opaqueExpression}). */
    private static final int MAX_EVAL_DEPTH = 200;

    /** Nesting of expression evaluations in progress, calls entered included. */
    private int evalDepth;

    Expressions(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    Value eval(Expr e, Frame f) {
        return eval(e, f, e);
    }

    /** Evaluates {@code e}; {@code key} is the node facts are attributed to (the original node of a rewrite). */
    Value eval(Expr e, Frame f, Expr key) {
        if (e == null || f.st == null) {
            return Value.NOTHING;
        }
        if (evalDepth >= MAX_EVAL_DEPTH) {
            return opaqueExpression(e, f);
        }
        Value v;
        evalDepth++;
        try {
            v = evalInner(e, f);
        } finally {
            evalDepth--;
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (e instanceof Expr.Name || e instanceof Expr.Call) {
            ctx.pointsTo.merge(key, v.pts(), Pts::union);
        }
        return v;
    }

    private Value evalInner(Expr e, Frame f) {
        return e.accept(new Evaluation(f));
    }

    /** One evaluation step in a frame: a visit per kind of expression (a new kind does not compile until handled). */
    private final class Evaluation implements Expr.Visitor<Value> {
        private final Frame f;

        Evaluation(Frame f) {
            this.f = f;
        }

        @Override
        public Value visitName(Expr.Name n) {
            return ctx.bindings.load(n, f);
        }

        @Override
        public Value visitConstant(Expr.Constant c) {
            return ctx.identity.constant(c, f);
        }

        @Override
        public Value visitCall(Expr.Call c) {
            return ctx.calls.call(c, f);
        }

        @Override
        public Value visitAttribute(Expr.Attribute a) {
            Value base = eval(a.value(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            Value v = ctx.classes.lookupAttr(base, a.attr().name(), a, f, false);
            if (v == null) {
                return ctx.fresh(ctx.unknownAt(f.st, a, f.context, 0));
            }
            return v.sym() == 0 ? v.withSym(objs.freshSym()) : v;
        }

        @Override
        public Value visitSubscript(Expr.Subscript s) {
            return subscript(s, f);
        }

        @Override
        public Value visitListDisplay(Expr.ListDisplay d) {
            return display(d.elts(), ObjKind.LIST, d, f);
        }

        @Override
        public Value visitTupleDisplay(Expr.TupleDisplay d) {
            return tuple(d, f);
        }

        @Override
        public Value visitSetDisplay(Expr.SetDisplay d) {
            return display(d.elts(), ObjKind.SET, d, f);
        }

        @Override
        public Value visitDictDisplay(Expr.DictDisplay d) {
            return dict(d, f);
        }

        @Override
        public Value visitBinOp(Expr.BinOp b) {
            return binOpChain(b, f);
        }

        @Override
        public Value visitUnaryOp(Expr.UnaryOp u) {
            if (u.op() == UnaryOperator.USUB && u.operand() instanceof Expr.Constant c
                    && (c.kind() == ConstantKind.INT || c.kind() == ConstantKind.FLOAT)) {
                return ctx.identity.negativeConstant(c, u, f);
            }
            Value v = eval(u.operand(), f);
            if (u.op() == UnaryOperator.NOT) {
                return ctx.bools();
            }
            ObjKind k = ctx.kindOf(v.pts());
            if (k == ObjKind.INT || k == ObjKind.FLOAT || k == ObjKind.BOOL || k == ObjKind.COMPLEX) {
                return ctx.fresh(ctx.computedObj(k == ObjKind.BOOL ? ObjKind.INT : k, u, f));
            }
            return ctx.escapes.unknownCall(List.of(v), u, f);
        }

        @Override
        public Value visitBoolOp(Expr.BoolOp b) {
            Value result = Value.NOTHING;
            State out = null;
            for (int i = 0; i < b.values().size(); i++) {
                Value v = eval(b.values().get(i), f);
                if (f.st == null) {
                    break;
                }
                result = result == Value.NOTHING ? v : result.join(v);
                if (i < b.values().size() - 1) {
                    out = State.join(out, f.st.copy());
                } else {
                    out = State.join(out, f.st);
                }
            }
            f.st = out;
            return new Value(result.pts(), 0);
        }

        @Override
        public Value visitIfExp(Expr.IfExp i) {
            eval(i.test(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            State before = f.st;
            f.st = before.copy();
            Value a = eval(i.body(), f);
            State sa = f.st;
            f.st = before;
            Value b = eval(i.orelse(), f);
            f.st = State.join(sa, f.st);
            return new Value(a.pts().union(b.pts()), 0);
        }

        @Override
        public Value visitCompare(Expr.Compare c) {
            return ctx.identity.compare(c, f);
        }

        @Override
        public Value visitNamedExpr(Expr.NamedExpr w) {
            Value v = eval(w.value(), f);
            if (f.st != null) {
                ctx.bindings.store(w.target().id(), v, f);
                ctx.pointsTo.merge(w.target(), v.pts(), Pts::union);
            }
            return v;
        }

        @Override
        public Value visitLambda(Expr.Lambda l) {
            return ctx.classes.makeFunction(l, l.args(), List.of(), f);
        }

        @Override
        public Value visitListComp(Expr.ListComp c) {
            return ctx.containers.comprehension(c, c.generators(), List.of(c.elt()), ObjKind.LIST, f);
        }

        @Override
        public Value visitSetComp(Expr.SetComp c) {
            return ctx.containers.comprehension(c, c.generators(), List.of(c.elt()), ObjKind.SET, f);
        }

        @Override
        public Value visitDictComp(Expr.DictComp c) {
            List<Expr> results = c.value() == null ? List.of(c.key()) : List.of(c.key(), c.value());
            return ctx.containers.comprehension(c, c.generators(), results, ObjKind.DICT, f);
        }

        @Override
        public Value visitGeneratorExp(Expr.GeneratorExp c) {
            return ctx.containers.comprehension(c, c.generators(), List.of(c.elt()), ObjKind.GENERATOR, f);
        }

        @Override
        public Value visitJoinedStr(Expr.JoinedStr j) {
            for (Expr x : j.values()) {
                eval(x, f);
            }
            return ctx.fresh(ctx.computedObj(ObjKind.STR, j, f));
        }

        @Override
        public Value visitTemplateStr(Expr.TemplateStr t) {
            // a t-string (3.14): each evaluation makes a new immutable Template that holds the interpolated values
            // themselves (not their text)
            List<Expr> values = new ArrayList<>();
            for (Expr x : t.values()) {
                if (x instanceof Expr.Interpolation i) {
                    values.add(i.value());
                    if (i.formatSpec() != null) {
                        eval(i.formatSpec(), f);
                    }
                }
            }
            return display(values, ObjKind.TEMPLATE, t, f);
        }

        @Override
        public Value visitInterpolation(Expr.Interpolation i) {
            return eval(i.value(), f);
        }

        @Override
        public Value visitFormattedValue(Expr.FormattedValue fv) {
            Value v = eval(fv.value(), f);
            if (fv.formatSpec() != null) {
                eval(fv.formatSpec(), f);
            }
            if (!v.pts().allMatch(o -> !objs.get(o).kind().mutable() || objs.get(o).kind().container())) {
                ctx.escapes.unknownCall(List.of(v), fv, f); // __format__ / __str__ of an object we cannot see
            }
            return ctx.fresh(ctx.computedObj(ObjKind.STR, fv, f));
        }

        @Override
        public Value visitStarred(Expr.Starred s) {
            return eval(s.value(), f);
        }

        @Override
        public Value visitYield(Expr.Yield y) {
            if (y.value() != null) {
                ctx.escapes.escape(eval(y.value(), f), f);
            }
            return f.st == null ? Value.NOTHING : suspend(List.of(), y);
        }

        @Override
        public Value visitYieldFrom(Expr.YieldFrom y) {
            Value v = eval(y.value(), f);
            return f.st == null ? Value.NOTHING : suspend(List.of(v), y);
        }

        @Override
        public Value visitAwait(Expr.Await a) {
            Value v = eval(a.value(), f);
            return f.st == null ? Value.NOTHING : suspend(List.of(v), a);
        }

        /** The function is suspended: its caller (or the event loop) runs and may change what came from outside. */
        private Value suspend(List<Value> given, Node site) {
            ctx.outside.forget(f.st);
            return ctx.escapes.unknownCall(given, site, f);
        }

        @Override
        public Value visitSlice(Expr.Slice s) {
            eval(s.lower(), f);
            eval(s.upper(), f);
            eval(s.step(), f);
            return ctx.fresh(ctx.computedObj(ObjKind.UNKNOWN, s, f));
        }

        @Override
        public Value visitInvalid(Expr.Invalid e) {
            return ctx.fresh(ctx.unknownAt(f.st, e, f.context, 0)); // code that did not parse: any value
        }
    }

    /**
     * {@code a + b + c + ...} nests to the left as deep as the chain is long (thousands of terms in generated code):
     * its left spine is walked with a loop, not with one recursive evaluation per term.
     */
    private Value binOpChain(Expr.BinOp top, Frame f) {
        ArrayDeque<Expr.BinOp> spine = new ArrayDeque<>();
        Expr e = top;
        while (e instanceof Expr.BinOp b) {
            spine.push(b);
            e = b.left();
        }
        Value acc = eval(e, f);
        while (!spine.isEmpty()) {
            Expr.BinOp b = spine.pop();
            Value r = eval(b.right(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            acc = binop(acc, b.op(), r, b, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
        }
        return acc;
    }

    /**
     * An expression nested deeper than {@link #MAX_EVAL_DEPTH} is not followed (the interpreter's own stack would
     * overflow): it runs as code the analysis cannot see that gets every name it reads, and binds what its walrus
     * targets bind to unknown objects. Its value is unknown.
     */
    private Value opaqueExpression(Expr e, Frame f) {
        List<Value> reads = new ArrayList<>();
        List<Expr.Name> walrus = new ArrayList<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(e);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof Expr.NamedExpr ne) {
                walrus.add(ne.target());
                todo.push(ne.value());
                continue;
            } else if (n instanceof Expr.Name name && f.st != null) {
                reads.add(ctx.bindings.load(name, f));
            }
            for (Node c : AstWalker.children(n)) {
                todo.push(c);
            }
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Value out = ctx.escapes.unknownCall(reads, e, f);
        for (Expr.Name t : walrus) {
            if (f.st == null) {
                break;
            }
            ctx.bindings.store(t.id(), ctx.fresh(ctx.unknownAt(f.st, t, f.context, 0)), f);
        }
        return f.st == null ? Value.NOTHING : out;
    }

    /**
     * A list display longer than this is tracked as one summary of its items, not item by item: a data literal of a
     * million numbers would otherwise hold a million slots (whose objects are then "may" for `x[5]`, as after an
     * insert).
     */
    static final int MAX_POSITIONS = 10_000;

    private Value display(List<Expr> elts, ObjKind kind, Expr site, Frame f) {
        List<Value> items = new ArrayList<>();
        boolean starred = false;
        Pts extra = Pts.EMPTY;
        for (Expr x : elts) {
            Value v = eval(x, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            if (x instanceof Expr.Starred) {
                starred = true;
                extra = extra.union(ctx.containers.iterated(v, f.st, x, f).pts());
            } else {
                items.add(v);
            }
        }
        int o = ctx.allocate(f.st, site, f.context, 0, kind, kind.pythonName() + " display");
        Value r = ctx.fresh(o);
        if (kind == ObjKind.LIST && !starred && items.size() <= MAX_POSITIONS) {
            ctx.containers.setItems(r, items, f.st);
        } else {
            // a set, a starred list, or a data literal too long to track by position: one summary of its items
            List<Pts> sets = new ArrayList<>(items.size() + 1);
            sets.add(extra);
            for (Value v : items) {
                sets.add(v.pts());
            }
            Pts all = Pts.unionAll(sets);
            if (!all.isEmpty()) {
                ctx.containers.addItems(r, new Value(all, 0), f.st);
            }
            if (starred && kind == ObjKind.LIST) {
                ctx.containers.recordCopy(site, r, f);
            }
        }
        return r;
    }

    private Value tuple(Expr.TupleDisplay d, Frame f) {
        if (d.elts().isEmpty()) {
            return ctx.emptyTuple();
        }
        boolean allConst = true;
        for (Expr x : d.elts()) {
            allConst &= x instanceof Expr.Constant;
        }
        List<Value> items = new ArrayList<>();
        boolean starred = false;
        for (Expr x : d.elts()) {
            Value v = eval(x, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            if (x instanceof Expr.Starred) {
                starred = true;
                v = ctx.containers.iterated(v, f.st, x, f);
            }
            items.add(v);
        }
        int o;
        if (allConst) {
            // a tuple of constants is itself a constant of the code object
            o = objs.keyed(new IdentityKey(d), d, ObjKind.TUPLE, Origin.CONSTANT, null, "tuple constant");
            if (!f.st.has(o)) {
                f.st.write(o);
            }
            Value r = new Value(Pts.of(o), 0);
            ctx.containers.setItems(r, items, f.st);
            return r;
        }
        o = ctx.allocate(f.st, d, f.context, 0, ObjKind.TUPLE, "tuple");
        Value r = ctx.fresh(o);
        if (starred) {
            Pts all = Pts.EMPTY;
            for (Value v : items) {
                all = all.union(v.pts());
            }
            ctx.containers.addItems(r, new Value(all, 0), f.st);
        } else {
            ctx.containers.setItems(r, items, f.st);
        }
        return r;
    }

    private Value dict(Expr.DictDisplay d, Frame f) {
        List<Object> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        List<Pts> spreads = new ArrayList<>();
        List<Pts> keySets = new ArrayList<>();
        boolean copyLike = false;
        for (int i = 0; i < d.keys().size(); i++) {
            Expr k = d.keys().get(i);
            Value kv = k == null ? null : eval(k, f);
            Value v = eval(d.values().get(i), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            if (k == null) {
                copyLike = true;
                spreads.add(ctx.containers.elements(v, f.st, d, f).pts());
                keySets.add(ctx.containers.keys(v, f.st, d, f).pts());
                keys.add(null);
                values.add(null);
            } else {
                keys.add(ctx.identity.constantKey(k, kv));
                keySets.add(kv.pts());
                values.add(v);
            }
        }
        Pts spread = Pts.unionAll(spreads);
        Pts keyObjects = Pts.unionAll(keySets);
        int o = ctx.allocate(f.st, d, f.context, 0, ObjKind.DICT, "dict display");
        Value r = ctx.fresh(o);
        if (!keyObjects.isEmpty()) {
            ctx.containers.addKeys(r, new Value(keyObjects, 0), f.st);
        }
        if (!spread.isEmpty()) {
            ctx.containers.addItems(r, new Value(spread, 0), f.st);
        }
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            if (keys.get(i) != null && spread.isEmpty()) {
                f.st.write(o).fields.put(FieldKey.item(keys.get(i)), values.get(i));
            } else {
                ctx.containers.addItems(r, values.get(i), f.st);
            }
        }
        if (copyLike) {
            ctx.containers.recordCopy(d, r, f);
        }
        return r;
    }

    private Value subscript(Expr.Subscript s, Frame f) {
        Value base = eval(s.value(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (s.slice() instanceof Expr.Slice sl) {
            eval(sl.lower(), f);
            eval(sl.upper(), f);
            eval(sl.step(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            ObjKind k = ctx.kindOf(base.pts());
            boolean full = sl.lower() == null && sl.upper() == null && sl.step() == null;
            if (k == ObjKind.LIST) {
                return ctx.containers.shallowCopy(base, ObjKind.LIST, s, f);
            }
            if (k == ObjKind.TUPLE && full) {
                return base; // t[:] is t
            }
            if (k == ObjKind.TUPLE) {
                Value t = ctx.fresh(ctx.allocate(f.st, s, f.context, 0, ObjKind.TUPLE, "tuple"));
                ctx.containers.addItems(t, ctx.containers.elements(base, f.st, s, f), f.st);
                return t;
            }
            if (k == ObjKind.MEMORYVIEW) {
                // slicing a view gives another view of the same memory
                Value mv = ctx.fresh(ctx.allocate(f.st, s, f.context, 0, ObjKind.MEMORYVIEW, "memoryview"));
                Value exporter = Value.NOTHING;
                for (int i = 0; i < base.pts().size(); i++) {
                    exporter = exporter.join(ctx.readSlot(f.st, base.pts().get(i), FieldKey.attr("obj")));
                }
                ctx.setSlot(f.st, mv.pts().single(), FieldKey.attr("obj"),
                        new Value(exporter.pts().withoutUnbound(), 0), true);
                return mv;
            }
            if (k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY) {
                return k == ObjKind.BYTEARRAY ? ctx.fresh(ctx.allocate(f.st, s, f.context, 0, k, "bytearray"))
                        : ctx.fresh(ctx.computedObj(k, s, f));
            }
            return ctx.escapes.unknownCall(List.of(base), s, f);
        }
        Value k = eval(s.slice(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (base.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.INSTANCE || objs.get(o).kind() == ObjKind.CLASS)) {
            return ctx.escapes.unknownCall(List.of(base, k), s, f);
        }
        Value v = ctx.containers.load(base, ctx.identity.constantKey(s.slice(), k), k, s, f);
        return v.sym() == 0 ? v.withSym(objs.freshSym()) : v;
    }

    Value binop(Value l, Operator op, Value r, Node site, Frame f) {
        if (l.pts().isEmpty() || r.pts().isEmpty()) {
            return Value.NOTHING; // an operand no execution produces (a recursive call assumed to return nothing)
        }
        ObjKind kl = ctx.kindOf(l.pts());
        ObjKind kr = ctx.kindOf(r.pts());
        if (kl == ObjKind.LIST && op == Operator.MULT || kr == ObjKind.LIST && op == Operator.MULT
                && (kl == ObjKind.INT || kl == ObjKind.BOOL)) {
            // [e] * n: a new list repeating the SAME element objects
            Value src = kl == ObjKind.LIST ? l : r;
            Value out = ctx.fresh(ctx.allocate(f.st, site, f.context, 0, ObjKind.LIST, "list"));
            ctx.containers.addItems(out, ctx.containers.elements(src, f.st, site, f), f.st);
            return out;
        }
        if (kl == ObjKind.TUPLE && op == Operator.MULT) {
            Value out = ctx.fresh(ctx.allocate(f.st, site, f.context, 0, ObjKind.TUPLE, "tuple"));
            ctx.containers.addItems(out, ctx.containers.elements(l, f.st, site, f), f.st);
            return out;
        }
        if ((kl == ObjKind.LIST || kl == ObjKind.TUPLE) && kl == kr && op == Operator.ADD) {
            Value out = ctx.fresh(ctx.allocate(f.st, site, f.context, 0, kl, kl.pythonName()));
            List<Value> a = ctx.bindings.exactItems(l, f.st);
            List<Value> b = ctx.bindings.exactItems(r, f.st);
            if (a != null && b != null) {
                List<Value> all = new ArrayList<>(a);
                all.addAll(b);
                ctx.containers.setItems(out, all, f.st);
            } else {
                ctx.containers.addItems(out, ctx.containers.elements(l, f.st, site, f), f.st);
                ctx.containers.addItems(out, ctx.containers.elements(r, f.st, site, f), f.st);
            }
            return out;
        }
        if (kl == ObjKind.DICT && kr == ObjKind.DICT && op == Operator.BITOR) {
            Value out = ctx.containers.shallowCopy(l, ObjKind.DICT, site, f);
            ctx.containers.addItems(out, ctx.containers.elements(r, f.st, site, f), f.st);
            ctx.containers.addKeys(out, ctx.containers.keys(r, f.st, site, f), f.st);
            return out;
        }
        if ((kl == ObjKind.SET || kl == ObjKind.FROZENSET) && (op == Operator.BITOR || op == Operator.BITAND
                || op == Operator.SUB || op == Operator.BITXOR)) {
            Value out = ctx.fresh(ctx.allocate(f.st, site, f.context, 0, kl, kl.pythonName()));
            ctx.containers.addItems(out, ctx.containers.elements(l, f.st, site, f), f.st);
            if (op != Operator.SUB && op != Operator.BITAND) {
                ctx.containers.addItems(out, ctx.containers.elements(r, f.st, site, f), f.st);
            }
            return out;
        }
        if (kl == ObjKind.BYTEARRAY && (op == Operator.ADD || op == Operator.MULT)) {
            return ctx.fresh(ctx.allocate(f.st, site, f.context, 0, ObjKind.BYTEARRAY, "bytearray"));
        }
        if (isNumberOrStr(kl) && isNumberOrStr(kr)) {
            ObjKind res = kl == ObjKind.STR || kr == ObjKind.STR ? ObjKind.STR
                    : kl == ObjKind.BYTES ? ObjKind.BYTES
                    : kl == ObjKind.COMPLEX || kr == ObjKind.COMPLEX ? ObjKind.COMPLEX
                    : kl == ObjKind.FLOAT || kr == ObjKind.FLOAT || op == Operator.DIV ? ObjKind.FLOAT : ObjKind.INT;
            return ctx.fresh(ctx.computedObj(res, site, f));
        }
        return ctx.escapes.unknownCall(List.of(l, r), site, f);
    }

    private static boolean isNumberOrStr(ObjKind k) {
        return k == ObjKind.INT || k == ObjKind.FLOAT || k == ObjKind.BOOL || k == ObjKind.COMPLEX
                || k == ObjKind.STR || k == ObjKind.BYTES;
    }
}
