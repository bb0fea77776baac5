package dev.memlens.analysis;

import dev.memlens.analysis.ScopeNames.Where;
import dev.memlens.analysis.builtins.BuiltinModels;
import dev.memlens.semantics.ControlFlowGraph;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.semantics.SymbolKind;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.UnaryOperator;
import dev.memlens.syntax.ast.WithItem;
import java.math.BigInteger;
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
 * The abstract interpreter of one file. It runs the module body once, abstractly, entering the functions the
 * module calls with their actual arguments (call-site context: the call node), then runs every function body once
 * more on its own with unknown arguments, so facts about a function hold for callers the file does not show.
 *
 * Control flow is the semantics layer's: each body runs over its scope's control-flow graph ({@link FlowEngine}),
 * states joined where edges meet, loops iterated to a fixed point (widened when they do not settle), exceptions
 * reaching handlers, finally bodies and with exits along the graph's exception edges. A step budget bounds the work;
 * past it, calls are no longer entered and a body that still does not finish claims nothing.
 */
public final class Interpreter extends AnalysisRun {
    private final StatementTransfer transfer = new Transfer();

    private final int loopRounds;

    private Interpreter(Module module, SemanticModel model, AnalysisLimits limits) {
        super(module, model, limits);
        this.loopRounds = limits.loopRounds();
    }


    /** Analyzes a parsed file, building its semantic model. Never throws for any AST. */
    public static AnalysisResult analyze(Module module) {
        return analyze(module, SemanticModel.build(module, null, dev.memlens.semantics.LanguageLevel.PY313));
    }

    /** Analyzes a parsed file whose semantic model is already built (from the same module). */
    public static AnalysisResult analyze(Module module, SemanticModel model) {
        return analyze(module, model, AnalysisLimits.DEFAULT);
    }

    /**
     * Analyzes a parsed file within {@code limits}. Never throws for any AST: what the limits (or a cancellation)
     * cut is listed in {@link AnalysisResult#partials()}.
     */
    public static AnalysisResult analyze(Module module, SemanticModel model, AnalysisLimits limits) {
        Interpreter in = new Interpreter(module, model, limits);
        in.run();
        return new AnalysisResult(module, model, in.objs, in.facts, in.pointsTo, in.mutations, in.copies,
                in.identities, in.partials.list(), List.copyOf(in.summaries.values()));
    }
    // ------------------------------------------------------------------------------------------------ driver

    private void run() {
        State st = new State();
        st.write(moduleObj);
        Frame mf = new Frame(scopes.tree().module(), moduleObj, null, -1, null, null);
        mf.st = st;
        mf.recording = true;
        State end = null;
        List<Scope> functions = allFunctionScopes(scopes.tree().module(), new ArrayList<>());
        long[] saved = budget.startBody(1 + functions.size());
        Partials.Run run = partials.startRun("<module>");
        try {
            execBlock(module.body(), mf);
            end = mf.st;
        } catch (Budget.BodyExhausted e) {
            // what the module run recorded holds; the functions are run on their own below
            partials.cut(run, e.cause, activeLoops, current);
        } catch (Budget.FileExhausted e) {
            partials.cut(run, e.cause, activeLoops, current);
            skipAll(functions, e.cause);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            partials.internalError(run, e, activeLoops, current);
        } finally {
            budget.endBody(saved);
            activeLoops.clear();
        }
        State base = standaloneBase(end);
        effectBase = base;
        for (int i = 0; i < functions.size(); i++) {
            try {
                budget.checkFile();
                runStandalone(functions.get(i), base, functions.size() - i);
            } catch (Budget.FileExhausted e) {
                skipAll(functions.subList(i + 1, functions.size()), e.cause);
                return;
            }
        }
    }

    /** Functions the file budget left no time for: what the module run's calls recorded in them is not enough. */
    private void skipAll(List<Scope> functions, PartialAnalysis.Cause cause) {
        for (Scope s : functions) {
            Node def = s.owner();
            partials.skipped(s.qualname(), def, cause);
            forgetUnfinished(partials.startRun(s.qualname()), def);
            Arguments args = def instanceof Stmt.FunctionDef f ? f.args() : ((Expr.Lambda) def).args();
            summaries.putIfAbsent(s, FunctionSummary.opaque(s.qualname(), Parameters.names(args)));
        }
    }

    /** Loops being iterated, innermost first (where a budget ran out). */
    private final Deque<Stmt> activeLoops = new ArrayDeque<>();
    /** The statement being executed (where a budget ran out). */
    private Stmt current;
    /** Nesting of expression evaluations in progress, calls entered included. */
    private int evalDepth;

    private void truncateLoops(int depth) {
        while (activeLoops.size() > depth) {
            activeLoops.pop();
        }
    }

    private void runStandalone(Scope s, State base, int bodiesLeft) {
        Node def = s.owner();
        Arguments args = def instanceof Stmt.FunctionDef f ? f.args() : ((Expr.Lambda) def).args();
        State st = base.copy();
        int frameObj = objs.site(def, null, 0, ObjKind.FRAME, "frame of " + s.qualname());
        st.write(frameObj);
        Frame f = new Frame(s, frameObj, null, -1, null, null);
        f.st = st;
        f.recording = true;
        f.standalone = true;
        Map<Integer, String> paramObjects = new java.util.HashMap<>();
        for (Arg a : Parameters.all(args)) {
            int u = objs.unknown(a, null, 0, "parameter " + a.name());
            st.write(u).escaped = true;
            st.write(u).contentsUnknown = true;
            setSlot(f.st, frameObj, FieldKey.name(a.name()), fresh(u), true);
            paramObjects.put(u, a.name());
        }
        long[] saved = budget.startBody(bodiesLeft);
        Partials.Run run = partials.startRun(s.qualname());
        standaloneRun = true;
        callStack.push(def);
        recorder = new SummaryRecorder(objs, st.snapshot(), paramObjects);
        if (declaresOuterNames(s) || isGenerator(def)) {
            recorder.opaque();
        }
        try {
            runBody(def, f);
            summaries.put(s, recorder.finish(s.qualname(), Parameters.names(args), f.returned, f.returnState)
                    .summary());
        } catch (Budget.BodyExhausted e) {
            partials.cut(run, e.cause, activeLoops, current);
            forgetUnfinished(run, def);
        } catch (Budget.FileExhausted e) {
            partials.cut(run, e.cause, activeLoops, current);
            forgetUnfinished(run, def);
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            partials.internalError(run, e, activeLoops, current);
            forgetUnfinished(run, def);
        } finally {
            callStack.pop();
            recorder = null;
            budget.endBody(saved);
            activeLoops.clear();
            if (!summaries.containsKey(s)) {
                summaries.put(s, FunctionSummary.opaque(s.qualname(), Parameters.names(args)));
            }
        }
    }

    /**
     * A cut function run: the statements it recorded keep their facts (each was reached from the state every earlier
     * statement left, and loops record only once at their fixed point); the others of its body claim nothing,
     * whatever the module run's calls recorded for them, since that holds for those callers only.
     */
    private void forgetUnfinished(Partials.Run run, Node def) {
        Scope scope = scopes.tree().scopeOf(def);
        if (def instanceof Stmt.FunctionDef fd && scope != null) {
            AstWalker.statements(fd.body(), st -> {
                StatementFacts sf = facts.get(st);
                if (sf != null && sf.scope().equals(scope.qualname()) && !run.recorded(st)) {
                    sf.markUnknown();
                }
            });
        }
    }

    /** Runs a def's body (or a lambda's expression) in its frame; the returned value and state end in the frame. */
    private void runBody(Node def, Frame f) {
        if (def instanceof Stmt.FunctionDef fd) {
            execBlock(fd.body(), f);
            if (f.st != null) {
                f.returned = f.returned == Value.NOTHING ? none() : f.returned.join(none()).withSym(0);
                f.returnState = State.join(f.returnState, f.st);
            }
        } else {
            Value v = eval(((Expr.Lambda) def).body(), f);
            if (f.st != null) {
                f.returned = v;
                f.returnState = f.st;
            }
        }
    }

    private boolean isGenerator(Node def) {
        return def instanceof Stmt.FunctionDef fdef && generators.computeIfAbsent(def,
                k -> fdef.isAsync() || containsYield(fdef.body()));
    }

    /** A function declaring global or nonlocal names rebinds what a standalone run does not follow. */
    private static boolean declaresOuterNames(Scope s) {
        for (Symbol sym : s.symbols()) {
            if (sym.kind() == SymbolKind.GLOBAL_EXPLICIT || sym.kind().isFree() && sym.has(SymbolFlag.ASSIGNED)) {
                return true;
            }
        }
        return false;
    }
    // ------------------------------------------------------------------------------------------------ parts
    // The statement transfer reaches the other parts through these delegates (inlined once it moves out).

    @Override
    StatementTransfer statements() {
        return transfer;
    }

    private State standaloneBase(State end) {
        return effectSummaries.standaloneBase(end);
    }

    private Value eval(Expr e, Frame f) {
        return expressions.eval(e, f);
    }

    private void store(String name, Value v, Frame f) {
        bindings.store(name, v, f);
    }

    private void assign(Expr t, Value v, Frame f) {
        bindings.assign(t, v, f);
    }

    private void augAssign(Stmt.AugAssign a, Frame f) {
        bindings.augAssign(a, f);
    }

    private void delete(Expr t, Frame f) {
        bindings.delete(t, f);
    }

    private void havocNames(Frame f) {
        bindings.havocNames(f);
    }

    private Value makeFunction(Node def, Arguments args, List<Expr> decoratorExprs, Frame f) {
        return classes.makeFunction(def, args, decoratorExprs, f);
    }

    private void classDef(Stmt.ClassDef c, Frame f) {
        classes.classDef(c, f);
    }

    private Value lookupAttr(Value base, String attr, Node site, Frame f, boolean methodsOnly) {
        return classes.lookupAttr(base, attr, site, f, methodsOnly);
    }

    private Value callFunctions(Value fn, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        return calls.callFunctions(fn, args, kwargs, c, f);
    }

    private Value elements(Value v, State st, Node site, Frame f) {
        return containers.elements(v, st, site, f);
    }

    private void addItems(Value container, Value items, State st) {
        containers.addItems(container, items, st);
    }

    private void escape(Value v, Frame f) {
        escapes.escape(v, f);
    }

    private Value unknownCall(List<Value> args, Node site, Frame f) {
        return escapes.unknownCall(args, site, f);
    }

    private void record(Stmt s, Frame f) {
        factRecorder.record(s, f);
    }

    // ------------------------------------------------------------------------------------------------ statements

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
    private void execBlock(List<Stmt> body, Frame f) {
        ControlFlowGraph g = model.graphs().of(f.scope);
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
            loopsAround = new IdentityHashMap<>();
            mapLoops(module.body(), NO_LOOPS);
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
                Value v = eval(is.iterable(), f);
                if (f.st != null) {
                    iterables.merge(is.owner(), v, Value::join);
                }
            } else if (e instanceof dev.memlens.semantics.Element.IterNext next) {
                Stmt.For fo = (Stmt.For) next.owner();
                at(fo, inside(fo));
                step();
                Value elem = iterElements(iterables.getOrDefault(fo, Value.NOTHING), fo.iter(), f);
                if (f.st != null) {
                    items.merge(fo, elem, Value::join);
                }
            } else if (e instanceof dev.memlens.semantics.Element.AssignNext an) {
                at((Stmt) an.owner(), inside((Stmt) an.owner()));
                assign(an.target(), items.getOrDefault(an.owner(), Value.NOTHING), f);
            } else if (e instanceof dev.memlens.semantics.Element.WithEnter we) {
                at(we.with(), loopsAround(we.with()));
                withEnter(we.item(), f);
            } else if (e instanceof dev.memlens.semantics.Element.WithExit) {
                return f.st; // __exit__ is not modelled: whether it suppresses is the plan's (FlowPlan.suppresses)
            } else if (e instanceof dev.memlens.semantics.Element.ExceptTest et) {
                if (et.handler().type() != null) {
                    eval(et.handler().type(), f);
                }
            } else if (e instanceof dev.memlens.semantics.Element.ExceptBind eb) {
                store(eb.handler().name().name(), fresh(unknownAt(f.st, eb.handler(), f.context, 0)), f);
            } else if (e instanceof dev.memlens.semantics.Element.ExceptUnbind eu) {
                // CPython deletes `except E as e`'s name when the handler ends
                store(eu.handler().name().name(), Value.UNBOUND, f);
            } else if (e instanceof dev.memlens.semantics.Element.MatchSubject ms) {
                at(ms.match(), loopsAround(ms.match()));
                Value v = eval(ms.match().subject(), f);
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
                    eval(af.assertion().msg(), f);
                }
            } else if (e instanceof dev.memlens.semantics.Element.Reraise) {
                return f.st;
            } else if (e instanceof dev.memlens.semantics.Element.ReturnValue rv) {
                eval(rv.value(), f);
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
            step();
            eval(t.test(), f);
            if (owner instanceof Stmt.Assert && f.recording && f.st != null) {
                record(owner, f);
            }
        }

        private void statement(Stmt s) {
            at(s, loopsAround(s));
            step();
            s.accept(this);
            String unbind = unbindsAfter.get(s);
            if (unbind != null && f.st != null) {
                // CPython unbinds the name as part of the handler's last line
                store(unbind, Value.UNBOUND, f);
            }
            if (f.recording && f.st != null && !(s instanceof Stmt.Return || s instanceof Stmt.Raise
                    || s instanceof Stmt.Break || s instanceof Stmt.Continue)) {
                record(s, f);
            }
        }

        @Override
        public Void visitExpression(Stmt.Expression s) {
            eval(s.value(), f);
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign s) {
            Value v = eval(s.value(), f);
            for (Expr t : s.targets()) {
                if (f.st == null) {
                    break;
                }
                assign(t, v, f);
            }
            return null;
        }

        @Override
        public Void visitAugAssign(Stmt.AugAssign s) {
            augAssign(s, f);
            return null;
        }

        @Override
        public Void visitAnnAssign(Stmt.AnnAssign s) {
            if (s.value() != null) {
                Value v = eval(s.value(), f);
                if (f.st != null) {
                    assign(s.target(), v, f);
                }
            }
            return null;
        }

        @Override
        public Void visitFunctionDef(Stmt.FunctionDef s) {
            Value fn = makeFunction(s, s.args(), s.decorators(), f);
            if (f.st != null) {
                store(s.name().name(), fn, f);
            }
            return null;
        }

        @Override
        public Void visitClassDef(Stmt.ClassDef s) {
            classDef(s, f);
            return null;
        }

        @Override
        public Void visitReturn(Stmt.Return s) {
            // the state goes on through the finally bodies to the exit (a RETURN edge); the value is taken here
            Value v = s.value() == null ? none() : eval(s.value(), f);
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
                    delete(t, f);
                }
            }
            return null;
        }

        @Override
        public Void visitRaise(Stmt.Raise s) {
            if (s.exc() != null) {
                escape(eval(s.exc(), f), f);
            }
            if (f.st != null && s.cause() != null) {
                eval(s.cause(), f);
            }
            return null; // the state leaves along the block's EXCEPTION edge
        }

        @Override
        public Void visitImport(Stmt.Import s) {
            for (var al : s.names()) {
                String top = al.name().split("\\.")[0];
                String modName = al.asname() != null ? al.name() : top;
                int m = moduleObject(modName, al);
                store(al.asname() != null ? al.asname().name() : top, new Value(Pts.of(m), 0), f);
            }
            return null;
        }

        @Override
        public Void visitImportFrom(Stmt.ImportFrom s) {
            String mod = s.module() == null ? "" : s.module().name();
            for (var al : s.names()) {
                if (al.name().equals("*")) {
                    havocNames(f);
                    continue;
                }
                Value v;
                if (s.level() == 0 && BuiltinModels.isModelledModule(mod)) {
                    v = new Value(Pts.of(builtinObject(mod + "." + al.name())), 0);
                } else {
                    v = fresh(unknownAt(f.st, al, f.context, 0));
                }
                store(al.asname() != null ? al.asname().name() : al.name(), v, f);
            }
            return null;
        }

        @Override
        public Void visitTypeAlias(Stmt.TypeAlias s) {
            store(s.name().id(), fresh(unknownAt(f.st, s, f.context, 0)), f);
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
    private void raise(Frame f) {
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
            partials.widened(f.scope.qualname(), loop);
        }
        State w = next.copy();
        int unknown = unknownAt(w, loop != null ? loop : module, f.context, 7);
        w.write(unknown).contentsUnknown = true;
        Value any = fresh(unknown);
        for (int id : next.objectIds()) {
            ObjState b = next.read(id);
            ObjState a = previous.read(id);
            if (id == unknown || a != null && a.sameAs(b)) {
                continue;
            }
            ObjKind k = objs.get(id).kind();
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
        Value cm = eval(it.contextExpr(), f);
        if (f.st == null) {
            return;
        }
        Value entered = enterValue(cm, it.contextExpr(), f);
        if (f.st != null && it.optionalVars() != null) {
            assign(it.optionalVars(), entered, f);
        }
    }
    /** The value the loop target gets from iterating over {@code iter}. */
    private Value iterElements(Value iter, Node site, Frame f) {
        Pts p = iter.pts();
        boolean unknownIter = p.anyMatch(id -> {
            ObjKind k = objs.get(id).kind();
            return k == ObjKind.UNKNOWN || k == ObjKind.GENERATOR || k == ObjKind.INSTANCE || k == ObjKind.CLASS;
        });
        if (unknownIter) {
            // iterating runs code we cannot see (a generator body, __iter__)
            unknownCall(List.of(iter), site, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            return new Value(elements(iter, f.st, site, f).pts().union(Pts.of(unknownAt(f.st, site, f.context, 3))),
                    0);
        }
        if (p.allMatch(id -> {
            ObjKind k = objs.get(id).kind();
            return k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY || k == ObjKind.RANGE
                    || k == ObjKind.MEMORYVIEW;
        })) {
            return new Value(Pts.of(computedObj(kindOf(p) == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)),
                    0);
        }
        return elements(iter, f.st, site, f);
    }
    /** What {@code with cm as x} binds: for a file class, what its __enter__ returns; else unknown. */
    private Value enterValue(Value cm, Expr site, Frame f) {
        if (cm.pts().definitelyBound() && cm.pts().allMatch(id -> objs.get(id).kind() == ObjKind.INSTANCE)) {
            Value enter = lookupAttr(cm, "__enter__", site, f, true);
            if (enter != null && enter.pts().definitelyBound()
                    && enter.pts().allMatch(id -> objs.get(id).kind() == ObjKind.FUNCTION)) {
                List<Value> args = new ArrayList<>();
                args.add(cm);
                return callFunctions(enter, args, new LinkedHashMap<>(), site, f);
            }
        }
        if (cm.pts().allMatch(id -> objs.get(id).kind() == ObjKind.MEMORYVIEW)) {
            return cm;
        }
        unknownCall(List.of(cm), site, f);
        return f.st == null ? Value.NOTHING : fresh(unknownAt(f.st, site, f.context, 4));
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
                store(a.name().name(), subject, f);
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
            Value elems = elements(subject, f.st, p, f);
            for (Pattern q : s.patterns()) {
                if (q instanceof Pattern.MatchStar st) {
                    if (st.name() != null) {
                        Value l = fresh(allocate(f.st, st, f.context, 0, ObjKind.LIST, "list"));
                        addItems(l, elems, f.st);
                        store(st.name().name(), l, f);
                    }
                } else {
                    bindPattern(q, new Value(elems.pts(), 0), f);
                }
            }
        } else if (p instanceof Pattern.MatchMapping mm) {
            for (Expr k : mm.keys()) {
                eval(k, f);
            }
            Value elems = elements(subject, f.st, p, f);
            for (Pattern q : mm.patterns()) {
                bindPattern(q, new Value(elems.pts(), 0), f);
            }
            if (mm.rest() != null && f.st != null) {
                Value d = fresh(allocate(f.st, mm, f.context, 0, ObjKind.DICT, "dict"));
                addItems(d, elems, f.st);
                store(mm.rest().name(), d, f);
            }
        } else if (p instanceof Pattern.MatchClass mc) {
            eval(mc.cls(), f);
            for (Pattern q : mc.patterns()) {
                bindPattern(q, fresh(unknownAt(f.st, q, f.context, 0)), f);
            }
            for (int i = 0; i < mc.kwdPatterns().size(); i++) {
                Value a = lookupAttr(subject, mc.kwdAttrs().get(i).name(), mc.kwdPatterns().get(i), f, false);
                bindPattern(mc.kwdPatterns().get(i), a == null ? fresh(unknownAt(f.st, mc, f.context, i))
                        : new Value(a.pts().withoutUnbound(), 0), f);
            }
        } else if (p instanceof Pattern.MatchValue v) {
            eval(v.value(), f);
        }
    }

    /** The statement transfer as the parts see it. */
    private final class Transfer implements StatementTransfer {
        @Override
        public void execBlock(List<Stmt> body, Frame f) {
            Interpreter.this.execBlock(body, f);
        }

        @Override
        public void runBody(Node def, Frame f) {
            Interpreter.this.runBody(def, f);
        }

        @Override
        public Value iterElements(Value iter, Node site, Frame f) {
            return Interpreter.this.iterElements(iter, site, f);
        }

        @Override
        public void raise(Frame f) {
            Interpreter.this.raise(f);
        }

        @Override
        public boolean declaresOuterNames(Scope s) {
            return Interpreter.declaresOuterNames(s);
        }

        @Override
        public Position position() {
            return new Position(current, activeLoops.size());
        }

        @Override
        public void restore(Position p) {
            truncateLoops(p.loopDepth());
            current = p.current();
        }

        @Override
        public void internalError(String scope, Throwable e) {
            partials.internalError(Partials.nested(scope), e, activeLoops, current);
        }
    }
}
