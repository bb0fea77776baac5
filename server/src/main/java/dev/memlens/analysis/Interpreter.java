package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.semantics.SymbolKind;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final StatementFlow flow;

    private Interpreter(Module module, SemanticModel model, AnalysisLimits limits) {
        super(module, model, limits);
        this.flow = new StatementFlow(this, limits.loopRounds());
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
        // the module run gets a whole body's time, not a share: it enters the functions it calls, and what it
        // records is most of what the file shows (on a cold JVM a share cut locale.py's module body at 100 ms)
        long[] saved = budget.startBody(1);
        Partials.Run run = partials.startRun("<module>", expectedStatements);
        try {
            execBlock(module.body(), mf);
            end = mf.st;
        } catch (Budget.BodyExhausted e) {
            // what the module run recorded holds; the functions are run on their own below
            partials.cut(run, e.cause, flow.activeLoops, flow.current);
        } catch (Budget.FileExhausted e) {
            partials.cut(run, e.cause, flow.activeLoops, flow.current);
            skipAll(functions, e.cause);
            return;
        } catch (RuntimeException | StackOverflowError e) {
            partials.internalError(run, e, flow.activeLoops, flow.current);
        } finally {
            budget.endBody(saved);
            flow.activeLoops.clear();
        }
        if (functions.isEmpty()) {
            return; // no standalone run needs the base (it rewrites every mutable object of the module)
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
        outside.startRun();
        List<ObjKind> kinds = AnnotatedKinds.ofParameters(args);
        List<Arg> params = Parameters.all(args);
        for (int i = 0; i < params.size(); i++) {
            Arg a = params.get(i);
            int u = outside.parameter(a, kinds.get(i), a.name());
            st.write(u).escaped = true;
            st.write(u).contentsUnknown = true;
            setSlot(f.st, frameObj, FieldKey.name(a.name()), fresh(u), true);
            paramObjects.put(u, a.name());
        }
        Map<String, Integer> byName = new java.util.HashMap<>();
        paramObjects.forEach((o, n) -> byName.put(n, o));
        if (def instanceof Stmt.FunctionDef fd && s.parent() != null && s.parent().owner() instanceof Stmt.ClassDef c
                && InstanceFieldKinds.isInstanceMethod(fd) && byName.containsKey(InstanceFieldKinds.selfName(args))) {
            outside.method(byName.get(InstanceFieldKinds.selfName(args)), c);
        }
        outside.entryPaths(def, byName, f);
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
            partials.cut(run, e.cause, flow.activeLoops, flow.current);
            forgetUnfinished(run, def);
        } catch (Budget.FileExhausted e) {
            partials.cut(run, e.cause, flow.activeLoops, flow.current);
            forgetUnfinished(run, def);
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            partials.internalError(run, e, flow.activeLoops, flow.current);
            forgetUnfinished(run, def);
        } finally {
            callStack.pop();
            recorder = null;
            budget.endBody(saved);
            flow.activeLoops.clear();
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
    // The statement transfer is StatementFlow; the parts reach it through these.

    private void execBlock(List<Stmt> body, Frame f) {
        flow.execBlock(body, f);
    }

    private Value iterElements(Value iter, Node site, Frame f) {
        return flow.iterElements(iter, site, f);
    }

    private void raise(Frame f) {
        flow.raise(f);
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
            return new Position(flow.current, flow.activeLoops.size());
        }

        @Override
        public void restore(Position p) {
            flow.truncateLoops(p.loopDepth());
            flow.current = p.current();
        }

        @Override
        public void internalError(String scope, Throwable e) {
            partials.internalError(Partials.nested(scope), e, flow.activeLoops, flow.current);
        }
    }
}
