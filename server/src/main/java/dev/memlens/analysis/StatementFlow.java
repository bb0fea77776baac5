package dev.memlens.analysis;

import dev.memlens.analysis.builtins.BuiltinModels;
import dev.memlens.semantics.ControlFlowGraph;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.WithItem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statement transfer: runs a module, class or function body over its scope's control-flow graph (the semantics
 * layer's, through {@link FlowEngine}) and says what each element of the graph does to the abstract state. The
 * expressions, bindings, calls and facts it needs are the run's other parts.
 */
final class StatementFlow {
    private final AnalysisRun run;
    private final int loopRounds;
    /** Loops being iterated, innermost first (where a budget ran out). */
    final Deque<Stmt> activeLoops = new ArrayDeque<>();
    /** The statement being executed (where a budget ran out). */
    Stmt current;

    StatementFlow(AnalysisRun run, int loopRounds) {
        this.run = run;
        this.loopRounds = loopRounds;
    }

    void truncateLoops(int depth) {
        while (activeLoops.size() > depth) {
            activeLoops.pop();
        }
    }


    /** The flow plan of each body's graph, worked out when the body first runs. */
    private final IdentityHashMap<ControlFlowGraph, FlowPlan> plans = new IdentityHashMap<>();
    /** Per statement (and except handler): the loops around it in its own body, outermost first. */
    private IdentityHashMap<Node, Stmt[]> loopsAround;
    /** The last statement of each {@code except ... as name} handler, with the name it unbinds. */
    private final IdentityHashMap<Stmt, String> unbindsAfter = new IdentityHashMap<>();
    private static final Stmt[] NO_LOOPS = new Stmt[0];
    /** Loops already reported as widened (by scope and statement), so each is reported once. */
    private final Set<String> widenedLoops = new HashSet<>();

    /**
     * Runs a whole body (a module, class or function body: {@code body} is its scope's) over the scope's
     * control-flow graph. The state falling off the end is left in f.st; the states of return statements are
     * joined into f.returnState.
     */
    void execBlock(List<Stmt> body, Frame f) {
        ControlFlowGraph g = run.model.graphs().of(f.scope);
        if (f.st == null || g == null) {
            return;
        }
        FlowPlan plan = plans.computeIfAbsent(g, FlowPlan::of);
        ElementTransfer t = new ElementTransfer(f);
        f.handlers.push(t.raised);
        boolean rec = f.recording;
        try {
            FlowEngine.Outcome out = FlowEngine.run(plan, t, f.st, rec, loopRounds);
            f.st = out.fellOff();
            if (out.returned() != null) {
                f.returnState = State.join(f.returnState, out.returned());
            }
            // on a budget stop the loops stay listed: the cut is reported where it happened
            truncateLoops(t.loopBase);
        } finally {
            f.recording = rec;
            f.handlers.pop();
            while (f.loops.size() > t.frameLoops) {
                f.loops.pop();
            }
        }
    }

    private Stmt[] loopsAround(Node n) {
        if (loopsAround == null) {
            loopsAround = new IdentityHashMap<>(Math.max(16, run.expectedStatements));
            mapLoops(run.module.body(), NO_LOOPS);
        }
        Stmt[] l = loopsAround.get(n);
        return l == null ? NO_LOOPS : l;
    }

    /** Fills {@link #loopsAround} and {@link #unbindsAfter} for a body and the bodies nested in it. */
    private void mapLoops(List<Stmt> body, Stmt[] around) {
        for (Stmt s : body) {
            loopsAround.put(s, around);
            if (s instanceof Stmt.For || s instanceof Stmt.While) {
                Stmt[] inner = Arrays.copyOf(around, around.length + 1);
                inner[around.length] = s;
                mapLoops(s instanceof Stmt.For fo ? fo.body() : ((Stmt.While) s).body(), inner);
                mapLoops(s instanceof Stmt.For fo ? fo.orelse() : ((Stmt.While) s).orelse(), around);
            } else if (s instanceof Stmt.If i) {
                mapLoops(i.body(), around);
                mapLoops(i.orelse(), around);
            } else if (s instanceof Stmt.Try t) {
                mapLoops(t.body(), around);
                for (ExceptHandler h : t.handlers()) {
                    loopsAround.put(h, around);
                    mapLoops(h.body(), around);
                    if (h.name() != null && !h.body().isEmpty()) {
                        unbindsAfter.put(h.body().get(h.body().size() - 1), h.name().name());
                    }
                }
                mapLoops(t.orelse(), around);
                mapLoops(t.finalbody(), around);
            } else if (s instanceof Stmt.With w) {
                mapLoops(w.body(), around);
            } else if (s instanceof Stmt.Match m) {
                for (MatchCase c : m.cases()) {
                    mapLoops(c.body(), around);
                }
            } else if (s instanceof Stmt.FunctionDef d) {
                mapLoops(d.body(), NO_LOOPS);
            } else if (s instanceof Stmt.ClassDef c) {
                mapLoops(c.body(), NO_LOOPS);
            }
        }
    }

    /**
     * The statement transfer of one body run: what each CFG element does to the state. Values that pass from one
     * element to a later one (a loop's iterable and item, a match subject) are kept per owner, joined over the
     * runs of the element.
     */
    private final class ElementTransfer implements FlowEngine.Transfer, Stmt.Visitor<Void> {
        final Frame f;
        /** Where {@link #raise} puts the state an exception leaves with (the frame's innermost handler). */
        final State[] raised = new State[1];
        final int loopBase = activeLoops.size();
        final int frameLoops;
        private Stmt[] lastLoops = NO_LOOPS;
        private final IdentityHashMap<Node, Value> iterables = new IdentityHashMap<>();
        private final IdentityHashMap<Node, Value> items = new IdentityHashMap<>();
        private final IdentityHashMap<Node, Value> subjects = new IdentityHashMap<>();

        ElementTransfer(Frame f) {
            this.f = f;
            this.frameLoops = f.loops.size();
        }

        @Override
        public State takeRaised() {
            State r = raised[0];
            raised[0] = null;
            return r;
        }

        @Override
        public void recording(boolean on) {
            f.recording = on;
        }

        @Override
        public State widen(dev.memlens.semantics.BasicBlock head, State previous, State next, int round) {
            return widenLoop(head, previous, next, round, f);
        }

        /** Where the budget stops are reported, and how deep in loops the refcount snapshots are. */
        private void at(Stmt s, Stmt[] loops) {
            current = s;
            if (loops != lastLoops) {
                lastLoops = loops;
                truncateLoops(loopBase);
                for (Stmt l : loops) {
                    activeLoops.push(l);
                }
                while (f.loops.size() > frameLoops + loops.length) {
                    f.loops.pop();
                }
                while (f.loops.size() < frameLoops + loops.length) {
                    f.loops.push(new State[2]);
                }
            }
        }

        private Stmt[] inside(Stmt loop) {
            Stmt[] around = loopsAround(loop);
            Stmt[] l = Arrays.copyOf(around, around.length + 1);
            l[around.length] = loop;
            return l;
        }

        @Override
        public State element(dev.memlens.semantics.Element e, State st) {
            f.st = st;
            if (e instanceof dev.memlens.semantics.Element.Statement s) {
                statement(s.stmt());
            } else if (e instanceof dev.memlens.semantics.Element.Test t) {
                test(t);
            } else if (e instanceof dev.memlens.semantics.Element.IterStart is) {
                at((Stmt) is.owner(), loopsAround(is.owner()));
                Value v = run.expressions.eval(is.iterable(), f);
                if (f.st != null) {
                    iterables.merge(is.owner(), v, Value::join);
                }
            } else if (e instanceof dev.memlens.semantics.Element.IterNext next) {
                Stmt.For fo = (Stmt.For) next.owner();
                at(fo, inside(fo));
                run.step();
                Value elem = iterElements(iterables.getOrDefault(fo, Value.NOTHING), fo.iter(), f);
                if (f.st != null) {
                    items.merge(fo, elem, Value::join);
                }
            } else if (e instanceof dev.memlens.semantics.Element.AssignNext an) {
                at((Stmt) an.owner(), inside((Stmt) an.owner()));
                run.bindings.assign(an.target(), items.getOrDefault(an.owner(), Value.NOTHING), f);
            } else if (e instanceof dev.memlens.semantics.Element.WithEnter we) {
                at(we.with(), loopsAround(we.with()));
                withEnter(we.item(), f);
            } else if (e instanceof dev.memlens.semantics.Element.WithExit) {
                return f.st; // __exit__ is not modelled: whether it suppresses is the plan's (FlowPlan.suppresses)
            } else if (e instanceof dev.memlens.semantics.Element.ExceptTest et) {
                if (et.handler().type() != null) {
                    run.expressions.eval(et.handler().type(), f);
                }
            } else if (e instanceof dev.memlens.semantics.Element.ExceptBind eb) {
                run.bindings.store(eb.handler().name().name(), run.fresh(run.unknownAt(f.st, eb.handler(), f.context, 0)), f);
            } else if (e instanceof dev.memlens.semantics.Element.ExceptUnbind eu) {
                // CPython deletes `except E as e`'s name when the handler ends
                run.bindings.store(eu.handler().name().name(), Value.UNBOUND, f);
            } else if (e instanceof dev.memlens.semantics.Element.MatchSubject ms) {
                at(ms.match(), loopsAround(ms.match()));
                Value v = run.expressions.eval(ms.match().subject(), f);
                if (f.st != null) {
                    subjects.merge(ms.match(), v, Value::join);
                }
            } else if (e instanceof dev.memlens.semantics.Element.CaseTest ct) {
                // binds the captures too: a failed match keeps what it bound (FlowEngine's NO_MATCH edge)
                at(ct.match(), loopsAround(ct.match()));
                bindPattern(ct.matchCase().pattern(), subjects.getOrDefault(ct.match(), Value.NOTHING), f);
            } else if (e instanceof dev.memlens.semantics.Element.CaseBind) {
                return f.st; // done by the CaseTest
            } else if (e instanceof dev.memlens.semantics.Element.AssertFail af) {
                if (af.assertion().msg() != null) {
                    run.expressions.eval(af.assertion().msg(), f);
                }
            } else if (e instanceof dev.memlens.semantics.Element.Reraise) {
                return f.st;
            } else if (e instanceof dev.memlens.semantics.Element.ReturnValue rv) {
                run.expressions.eval(rv.value(), f);
            } else if (e instanceof dev.memlens.semantics.Element.ComprehensionAppend) {
                throw new IllegalStateException("comprehension graphs are evaluated as expressions");
            }
            return f.st;
        }

        private void test(dev.memlens.semantics.Element.Test t) {
            Stmt owner = t.owner() instanceof Stmt s ? s : null;
            if (owner != null) {
                at(owner, owner instanceof Stmt.While ? inside(owner) : loopsAround(owner));
            }
            run.step();
            run.expressions.eval(t.test(), f);
            if (owner instanceof Stmt.Assert && f.recording && f.st != null) {
                run.factRecorder.record(owner, f);
            }
        }

        private void statement(Stmt s) {
            at(s, loopsAround(s));
            run.step();
            s.accept(this);
            String unbind = unbindsAfter.get(s);
            if (unbind != null && f.st != null) {
                // CPython unbinds the name as part of the handler's last line
                run.bindings.store(unbind, Value.UNBOUND, f);
            }
            if (f.recording && f.st != null && !(s instanceof Stmt.Return || s instanceof Stmt.Raise
                    || s instanceof Stmt.Break || s instanceof Stmt.Continue)) {
                run.factRecorder.record(s, f);
            }
        }

        @Override
        public Void visitExpression(Stmt.Expression s) {
            run.expressions.eval(s.value(), f);
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign s) {
            Value v = run.expressions.eval(s.value(), f);
            for (Expr t : s.targets()) {
                if (f.st == null) {
                    break;
                }
                run.bindings.assign(t, v, f);
            }
            return null;
        }

        @Override
        public Void visitAugAssign(Stmt.AugAssign s) {
            run.bindings.augAssign(s, f);
            return null;
        }

        @Override
        public Void visitAnnAssign(Stmt.AnnAssign s) {
            if (s.value() != null) {
                Value v = run.expressions.eval(s.value(), f);
                if (f.st != null) {
                    run.bindings.assign(s.target(), v, f);
                }
            }
            return null;
        }

        @Override
        public Void visitFunctionDef(Stmt.FunctionDef s) {
            Value fn = run.classes.makeFunction(s, s.args(), s.decorators(), f);
            if (f.st != null) {
                run.bindings.store(s.name().name(), fn, f);
            }
            return null;
        }

        @Override
        public Void visitClassDef(Stmt.ClassDef s) {
            run.classes.classDef(s, f);
            return null;
        }

        @Override
        public Void visitReturn(Stmt.Return s) {
            // the state goes on through the finally bodies to the exit (a RETURN edge); the value is taken here
            Value v = s.value() == null ? run.none() : run.expressions.eval(s.value(), f);
            if (f.st != null) {
                f.returned = f.returned.join(v).withSym(f.returned == Value.NOTHING ? v.sym()
                        : (f.returned.sym() == v.sym() ? v.sym() : 0));
            }
            return null;
        }

        @Override
        public Void visitDelete(Stmt.Delete s) {
            for (Expr t : s.targets()) {
                if (f.st != null) {
                    run.bindings.delete(t, f);
                }
            }
            return null;
        }

        @Override
        public Void visitRaise(Stmt.Raise s) {
            if (s.exc() != null) {
                run.escapes.escape(run.expressions.eval(s.exc(), f), f);
            }
            if (f.st != null && s.cause() != null) {
                run.expressions.eval(s.cause(), f);
            }
            return null; // the state leaves along the block's EXCEPTION edge
        }

        @Override
        public Void visitImport(Stmt.Import s) {
            for (var al : s.names()) {
                String top = al.name().split("\\.")[0];
                String modName = al.asname() != null ? al.name() : top;
                int m = run.moduleObject(modName, al);
                run.bindings.store(al.asname() != null ? al.asname().name() : top, new Value(Pts.of(m), 0), f);
            }
            return null;
        }

        @Override
        public Void visitImportFrom(Stmt.ImportFrom s) {
            String mod = s.module() == null ? "" : s.module().name();
            for (var al : s.names()) {
                if (al.name().equals("*")) {
                    run.bindings.havocNames(f);
                    continue;
                }
                Value v;
                if (s.level() == 0 && BuiltinModels.isModelledModule(mod)) {
                    v = new Value(Pts.of(run.builtinObject(mod + "." + al.name())), 0);
                } else {
                    v = run.fresh(run.unknownAt(f.st, al, f.context, 0));
                }
                run.bindings.store(al.asname() != null ? al.asname().name() : al.name(), v, f);
            }
            return null;
        }

        @Override
        public Void visitTypeAlias(Stmt.TypeAlias s) {
            run.bindings.store(s.name().id(), run.fresh(run.unknownAt(f.st, s, f.context, 0)), f);
            return null;
        }

        @Override
        public Void visitGlobal(Stmt.Global s) {
            return null;
        }

        @Override
        public Void visitNonlocal(Stmt.Nonlocal s) {
            return null;
        }

        @Override
        public Void visitPass(Stmt.Pass s) {
            return null;
        }

        @Override
        public Void visitBreak(Stmt.Break s) {
            return null; // the CFG takes the jump, through the finally bodies and with exits on its way
        }

        @Override
        public Void visitContinue(Stmt.Continue s) {
            return null;
        }

        @Override
        public Void visitInvalid(Stmt.Invalid s) {
            return null;
        }

        @Override
        public Void visitIf(Stmt.If s) {
            throw compound(s);
        }

        @Override
        public Void visitFor(Stmt.For s) {
            throw compound(s);
        }

        @Override
        public Void visitWhile(Stmt.While s) {
            throw compound(s);
        }

        @Override
        public Void visitTry(Stmt.Try s) {
            throw compound(s);
        }

        @Override
        public Void visitWith(Stmt.With s) {
            throw compound(s);
        }

        @Override
        public Void visitMatch(Stmt.Match s) {
            throw compound(s);
        }

        @Override
        public Void visitAssert(Stmt.Assert s) {
            throw compound(s);
        }

        private IllegalStateException compound(Stmt s) {
            return new IllegalStateException("the CFG splits " + s.getClass().getSimpleName() + " into elements");
        }
    }

    /**
     * An exception raised at this point of the frame: the state goes to the innermost handler of the frame's body
     * run (the CFG's EXCEPTION edge from the current block takes it on), and nothing follows normally.
     */
    void raise(Frame f) {
        if (f.st != null && !f.handlers.isEmpty()) {
            State[] h = f.handlers.peek();
            h[0] = State.join(h[0], f.st);
        }
        f.st = null;
    }

    /**
     * A loop whose head state still changes after {@link AnalysisLimits#loopRounds()} sweeps. The objects whose contents
     * changed in the last round are widened: their changed slots may also hold an object the loop made that the
     * analysis no longer follows, and a container's contents become unknown. The names and objects the loop did
     * not change keep their facts. If the loop still changes after a few widenings, the run stops on its budget.
     */
    private State widenLoop(dev.memlens.semantics.BasicBlock head, State previous, State next, int round, Frame f) {
        Stmt loop = loopOf(head);
        if (round > MAX_WIDENINGS) {
            throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
        }
        if (loop != null && widenedLoops.add(f.scope.qualname() + "@" + loop.span().start())) {
            run.partials.widened(f.scope.qualname(), loop);
        }
        State w = next.copy();
        int unknown = run.unknownAt(w, loop != null ? loop : run.module, f.context, 7);
        w.write(unknown).contentsUnknown = true;
        Value any = run.fresh(unknown);
        for (int id : next.objectIds()) {
            ObjState b = next.read(id);
            ObjState a = previous.read(id);
            if (id == unknown || a != null && a.sameAs(b)) {
                continue;
            }
            ObjKind k = run.objs.get(id).kind();
            boolean namespace = k == ObjKind.FRAME || k == ObjKind.MODULE || k == ObjKind.CLASS;
            ObjState wo = w.write(id);
            List<Map.Entry<FieldKey, Value>> changed = new ArrayList<>();
            for (Map.Entry<FieldKey, Value> e : b.fields.entrySet()) {
                Value old = a == null ? null : a.fields.get(e.getKey());
                if (!e.getValue().equals(old)) {
                    changed.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            for (Map.Entry<FieldKey, Value> e : changed) {
                wo.fields.put(e.getKey(), new Value(e.getValue().pts().union(any.pts()), 0));
            }
            if (!namespace) {
                wo.contentsUnknown = true;
                wo.collapseItems();
            }
        }
        return w;
    }

    /** Widenings of one loop head before the run gives up on the loop. */
    private static final int MAX_WIDENINGS = 3;

    /** The loop statement whose head a block is: its for's next() or its while's test. */
    private static Stmt loopOf(dev.memlens.semantics.BasicBlock head) {
        for (dev.memlens.semantics.Element e : head.elements()) {
            if (e instanceof dev.memlens.semantics.Element.IterNext n && n.owner() instanceof Stmt s) {
                return s;
            }
            if (e instanceof dev.memlens.semantics.Element.Test t && t.owner() instanceof Stmt.While w) {
                return w;
            }
        }
        return null;
    }

    /** A with item's enter: the context expression, its __enter__, the as-target. */
    private void withEnter(WithItem it, Frame f) {
        Value cm = run.expressions.eval(it.contextExpr(), f);
        if (f.st == null) {
            return;
        }
        Value entered = enterValue(cm, it.contextExpr(), f);
        if (f.st != null && it.optionalVars() != null) {
            run.bindings.assign(it.optionalVars(), entered, f);
        }
    }
    /** The value the loop target gets from iterating over {@code iter}. */
    Value iterElements(Value iter, Node site, Frame f) {
        Pts p = iter.pts();
        boolean unknownIter = p.anyMatch(id -> {
            ObjKind k = run.objs.get(id).kind();
            return k == ObjKind.UNKNOWN || k == ObjKind.GENERATOR || k == ObjKind.INSTANCE || k == ObjKind.CLASS;
        });
        if (unknownIter) {
            // iterating runs code we cannot see (a generator body, __iter__)
            run.escapes.unknownCall(List.of(iter), site, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            return new Value(run.containers.elements(iter, f.st, site, f).pts().union(Pts.of(run.unknownAt(f.st, site, f.context, 3))),
                    0);
        }
        if (p.allMatch(id -> {
            ObjKind k = run.objs.get(id).kind();
            return k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY || k == ObjKind.RANGE
                    || k == ObjKind.MEMORYVIEW;
        })) {
            return new Value(Pts.of(run.computedObj(run.kindOf(p) == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)),
                    0);
        }
        return run.containers.iterated(iter, f.st, site, f);
    }
    /** What {@code with cm as x} binds: for a file class, what its __enter__ returns; else unknown. */
    private Value enterValue(Value cm, Expr site, Frame f) {
        if (cm.pts().definitelyBound() && cm.pts().allMatch(id -> run.objs.get(id).kind() == ObjKind.INSTANCE)) {
            Value enter = run.classes.lookupAttr(cm, "__enter__", site, f, true);
            if (enter != null && enter.pts().definitelyBound()
                    && enter.pts().allMatch(id -> run.objs.get(id).kind() == ObjKind.FUNCTION)) {
                List<Value> args = new ArrayList<>();
                args.add(cm);
                return run.calls.callFunctions(enter, args, new LinkedHashMap<>(), site, f);
            }
        }
        if (cm.pts().allMatch(id -> run.objs.get(id).kind() == ObjKind.MEMORYVIEW)) {
            return cm;
        }
        run.escapes.unknownCall(List.of(cm), site, f);
        return f.st == null ? Value.NOTHING : run.fresh(run.unknownAt(f.st, site, f.context, 4));
    }

    private void bindPattern(Pattern p, Value subject, Frame f) {
        if (f.st == null) {
            return;
        }
        if (p instanceof Pattern.MatchAs a) {
            if (a.pattern() != null) {
                bindPattern(a.pattern(), subject, f);
            }
            if (a.name() != null && f.st != null) {
                run.bindings.store(a.name().name(), subject, f);
            }
        } else if (p instanceof Pattern.MatchOr o) {
            State base = f.st;
            State out = null;
            for (Pattern q : o.patterns()) {
                f.st = base.copy();
                bindPattern(q, subject, f);
                out = State.join(out, f.st);
            }
            f.st = out;
        } else if (p instanceof Pattern.MatchSequence s) {
            Value elems = run.containers.elements(subject, f.st, p, f);
            for (Pattern q : s.patterns()) {
                if (q instanceof Pattern.MatchStar st) {
                    if (st.name() != null) {
                        Value l = run.fresh(run.allocate(f.st, st, f.context, 0, ObjKind.LIST, "list"));
                        run.containers.addItems(l, elems, f.st);
                        run.bindings.store(st.name().name(), l, f);
                    }
                } else {
                    bindPattern(q, new Value(elems.pts(), 0), f);
                }
            }
        } else if (p instanceof Pattern.MatchMapping mm) {
            for (Expr k : mm.keys()) {
                run.expressions.eval(k, f);
            }
            Value elems = run.containers.elements(subject, f.st, p, f);
            for (Pattern q : mm.patterns()) {
                bindPattern(q, new Value(elems.pts(), 0), f);
            }
            if (mm.rest() != null && f.st != null) {
                Value d = run.fresh(run.allocate(f.st, mm, f.context, 0, ObjKind.DICT, "dict"));
                run.containers.addItems(d, elems, f.st);
                run.bindings.store(mm.rest().name(), d, f);
            }
        } else if (p instanceof Pattern.MatchClass mc) {
            run.expressions.eval(mc.cls(), f);
            for (Pattern q : mc.patterns()) {
                bindPattern(q, run.fresh(run.unknownAt(f.st, q, f.context, 0)), f);
            }
            for (int i = 0; i < mc.kwdPatterns().size(); i++) {
                Value a = run.classes.lookupAttr(subject, mc.kwdAttrs().get(i).name(), mc.kwdPatterns().get(i), f, false);
                bindPattern(mc.kwdPatterns().get(i), a == null ? run.fresh(run.unknownAt(f.st, mc, f.context, i))
                        : new Value(a.pts().withoutUnbound(), 0), f);
            }
        } else if (p instanceof Pattern.MatchValue v) {
            run.expressions.eval(v.value(), f);
        }
    }
}
