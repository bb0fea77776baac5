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
public final class Interpreter {
    private static final int MAX_CALL_DEPTH = Integer.getInteger("memlens.depth", 5);
    private static final int MAX_LOOP_ITERATIONS = 12;
    /** Expressions nest at most this deep in the interpreter's own stack (see {@link #opaqueExpression}). */
    private static final int MAX_EVAL_DEPTH = 200;
    /** Standalone runs of a function (unknown callers) enter callees this deep only: their facts are weak anyway. */
    private static final int MAX_STANDALONE_DEPTH = 2;

    private final Module module;
    private final SemanticModel model;
    private final ScopeNames scopes;
    private final boolean dynamicModuleNames;
    private final ObjectTable objs = new ObjectTable();
    private final IdentityHashMap<Stmt, StatementFacts> facts = new IdentityHashMap<>();
    private final IdentityHashMap<Node, Pts> pointsTo = new IdentityHashMap<>();
    private final List<MutationFact> mutations = new ArrayList<>();
    private final IdentityHashMap<Node, CopyFact> copies = new IdentityHashMap<>();
    private final IdentityHashMap<Node, IdentityVerdict> identities = new IdentityHashMap<>();
    /** Whether a def is a generator or coroutine (its call runs no code), computed when first called. */
    private final IdentityHashMap<Node, Boolean> generators = new IdentityHashMap<>();
    private final IdentityHashMap<Expr.Constant, Pts> constants = new IdentityHashMap<>();
    private final Deque<Node> callStack = new ArrayDeque<>();
    private final Set<String> globalsWrittenByFunctions = new HashSet<>();
    private final int moduleObj;
    private final HeapView heap;
    private final long softBudget;
    private long steps;
    private final Budget budget;
    private final Partials partials;
    private final int loopRounds;

    private Interpreter(Module module, SemanticModel model, AnalysisLimits limits) {
        this.module = module;
        this.model = model;
        this.scopes = new ScopeNames(model.scopes());
        this.dynamicModuleNames = hasDynamicNames(model.scopes().module(), model.scopes().hasStarImport());
        this.moduleObj = objs.keyed("module:__main__", module, ObjKind.MODULE, Origin.ALLOCATED, "__main__",
                "module");
        this.heap = new HeapView(objs, moduleObj, scopes);
        int stmts = countStatements(module.body());
        this.softBudget = 20_000L + 40L * stmts;
        this.effectSteps = softBudget;
        this.budget = new Budget(new AnalysisLimits(Math.min(limits.functionSteps(), 4 * softBudget),
                limits.fileSteps(), limits.functionMillis(), limits.fileMillis(), limits.maxObjects(),
                limits.cancelled()), objs, softBudget);
        this.partials = new Partials(model.source());
        this.loopRounds = limits.loopRounds();
        collectFunctionFacts(scopes.tree().module());
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

    // ------------------------------------------------------------------------------------------------ summaries

    /** Summaries from the standalone runs, reported with the facts. */
    private final Map<Scope, FunctionSummary> summaries = new LinkedHashMap<>();
    /** What a call does, by def and by the kinds of its arguments (see {@link #callWithSummary}). */
    private final IdentityHashMap<Node, Map<String, SummaryRecorder.Effect>> effects = new IdentityHashMap<>();
    /** Effects being worked out, with the assumption their own (recursive) calls use meanwhile. */
    private final Map<String, SummaryRecorder.Effect> assumptions = new java.util.HashMap<>();
    /** The run whose effects are being watched, or null. */
    private SummaryRecorder recorder;
    private static final int MAX_EFFECTS_PER_FUNCTION = 8;

    /**
     * A call of a file function the interpreter does not enter (recursion, call depth, budget): its effect from a
     * run of the body on stand-ins for the arguments, applied to the real ones. Null when there is none to rely on
     * (an opaque function, a call shape not followed): the caller then treats the call as unknown code.
     */
    private Value callWithSummary(int fo, Node def, Scope s, Arguments params, List<Value> args,
                                  Map<String, Value> kwargs, Node c, Frame f) {
        List<Value> bound = Parameters.bind(params, args, kwargs, f.st.read(fo));
        if (bound == null) {
            return null;
        }
        SummaryRecorder.Effect effect = effectOf(def, s, params, bound, f);
        if (effect == null || effect.summary().opaque()) {
            return null;
        }
        FunctionSummary sum = effect.summary();
        List<String> names = sum.params();
        for (int i = 0; i < names.size(); i++) {
            Value a = bound.get(i);
            if (sum.stored().contains(names.get(i))) {
                escape(a, f);
            } else if (sum.mutated().contains(names.get(i))) {
                mutatedMay(a, c, f);
                forEachObj(a, o -> {
                    if (objs.get(o).kind().mutable()) {
                        ObjState w = f.st.write(o);
                        w.contentsUnknown = true;
                        w.collapseItems();
                        w.fields.replaceAll((k, v) -> v.withSym(0));
                    }
                });
            }
            if (f.st == null) {
                return Value.NOTHING;
            }
        }
        // the result: the returned arguments as they are, the immutable values, one new object per kind
        List<Value> parts = new ArrayList<>();
        for (String r : sum.returned()) {
            parts.add(bound.get(names.indexOf(r)));
        }
        if (!effect.values().isEmpty()) {
            parts.add(new Value(effect.values(), 0));
        }
        for (int k = 0; k < effect.freshKinds().size(); k++) {
            ObjKind kind = effect.freshKinds().get(k);
            int o = allocate(f.st, c, f.context, 20 + kind.ordinal(), kind, "result of " + sum.qualname());
            ObjState w = f.st.write(o);
            w.contentsUnknown = true; // what it holds was not followed
            if (kind == ObjKind.INSTANCE) {
                w.fields.put(FieldKey.attr("__class__"), new Value(effect.freshClasses().get(k), 0));
            }
            parts.add(fresh(o));
        }
        if (!sum.freshResult()) {
            parts.add(fresh(unknownAt(f.st, c, f.context, 0)));
        }
        if (parts.size() == 1) {
            return parts.get(0); // one source: the very object it is (an argument returned as it is)
        }
        Pts out = Pts.EMPTY;
        for (Value v : parts) {
            out = out.union(v.pts());
        }
        return new Value(out, 0);
    }

    /** How an argument is passed to the run of the body: as it is (immutable values, code) or as a stand-in. */
    private String standInKey(Value v, State st) {
        Pts p = v.pts().withoutUnbound();
        if (p.isEmpty()) {
            return "-";
        }
        if (p.allMatch(o -> passedAsIs(objs.get(o)))) {
            return "=" + p;
        }
        ObjKind k = kindOf(p);
        if (k == ObjKind.INSTANCE) {
            Pts cls = Pts.EMPTY;
            for (int i = 0; i < p.size(); i++) {
                ObjState s = st.read(p.get(i));
                Value c = s == null ? null : s.fields.get(FieldKey.attr("__class__"));
                cls = c == null ? cls.union(Pts.UNBOUND) : cls.union(c.pts());
            }
            return cls.definitelyBound() ? "I" + cls : "?";
        }
        return k == ObjKind.LIST || k == ObjKind.DICT || k == ObjKind.SET || k == ObjKind.BYTEARRAY ? k.name() : "?";
    }

    private static boolean passedAsIs(AbstractObject o) {
        ObjKind k = o.kind();
        return k == ObjKind.NONE || k == ObjKind.BOOL || k == ObjKind.INT || k == ObjKind.FLOAT
                || k == ObjKind.COMPLEX || k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.RANGE
                || k == ObjKind.ELLIPSIS || k == ObjKind.BUILTIN || k == ObjKind.MODULE && o.origin() == Origin.BUILTIN;
    }

    /**
     * The effect of a call with arguments like these: from the cache, from the assumption of a call being worked
     * out (recursion), or from a run of the body now (repeated, for a recursive function, until what it assumes
     * about its own calls is what it finds).
     */
    private SummaryRecorder.Effect effectOf(Node def, Scope s, Arguments params, List<Value> bound, Frame f) {
        StringBuilder key = new StringBuilder();
        for (Value v : bound) {
            key.append(standInKey(v, f.st)).append(';');
        }
        String k = key.toString();
        Map<String, SummaryRecorder.Effect> known = effects.computeIfAbsent(def, x -> new java.util.HashMap<>());
        SummaryRecorder.Effect e = known.get(k);
        if (e != null) {
            return e;
        }
        String pending = System.identityHashCode(def) + ":" + k;
        SummaryRecorder.Effect assumed = assumptions.get(pending);
        if (assumed != null) {
            if (recorder != null) {
                recorder.assumed.add(pending);
            }
            return assumed;
        }
        if (overSoftBudget() || known.size() >= MAX_EFFECTS_PER_FUNCTION) {
            return null;
        }
        List<String> names = Parameters.names(params);
        SummaryRecorder.Effect assumption = new SummaryRecorder.Effect(FunctionSummary.nothing(s.qualname(), names),
                Pts.EMPTY, List.of(), List.of());
        for (int round = 0; round < 3; round++) {
            assumptions.put(pending, assumption);
            SummaryRecorder.Effect found;
            boolean usedAssumption;
            boolean usedOthers;
            try {
                EffectRun run = runForEffect(def, s, params, bound, f.st);
                found = run == null ? null : run.effect();
                usedAssumption = run != null && run.recorder().assumed.contains(pending);
                // an effect that relied on another call still being worked out holds only for this use
                usedOthers = run != null && run.recorder().assumed.stream()
                        .anyMatch(x -> !x.equals(pending) && assumptions.containsKey(x));
            } finally {
                assumptions.remove(pending);
            }
            if (found == null || found.summary().opaque() || !usedAssumption || found.equals(assumption)) {
                if (found != null && !usedOthers) {
                    known.put(k, found);
                }
                return found;
            }
            assumption = found;
        }
        SummaryRecorder.Effect opaque = new SummaryRecorder.Effect(FunctionSummary.opaque(s.qualname(), names),
                Pts.EMPTY, List.of(), List.of());
        known.put(k, opaque);
        return opaque;
    }

    private record EffectRun(SummaryRecorder recorder, SummaryRecorder.Effect effect) {}

    /**
     * The state effect runs start from (copied for each): what unknown callers would see. One is computed when the
     * first is needed and kept, since it claims nothing that a later state could contradict: every global but the
     * ones bound once by def, class or import may be anything, and every object's contents may be anything.
     */
    private State effectBase;
    private int effectBaseBindings;
    private int effectBaseRebuilds;
    /** Bindings of stable globals (defs, classes, imports bound once) so far in the module run. */
    private int stableBindings;

    /** Steps left for the runs that work out effects, over the whole analysis (they are not charged to callers). */
    private long effectSteps;
    /** The step count past which the current effect run gives up. */
    private long effectDeadline = Long.MAX_VALUE;
    private int effectDepth;

    /**
     * One run of the body on stand-ins for the arguments, from the state unknown callers would see; null when it
     * did not finish (budget).
     */
    private EffectRun runForEffect(Node def, Scope s, Arguments params, List<Value> bound, State from) {
        if (effectSteps <= 0 || effectDepth >= 3) {
            return null;
        }
        if (effectBase == null || effectBaseBindings != stableBindings && effectBaseRebuilds < 16) {
            // built again once defs, classes or imports bound since can be seen (a function calling itself)
            effectBase = standaloneBase(from);
            effectBaseBindings = stableBindings;
            effectBaseRebuilds++;
        }
        State st = effectBase.copy();
        int frameObj = objs.site(def, def, 0, ObjKind.FRAME, "frame of " + s.qualname() + " (summary)");
        st.write(frameObj);
        Frame g = new Frame(s, frameObj, def, -1, null, null);
        g.st = st;
        g.recording = false;
        g.standalone = true;
        Map<Integer, String> paramObjects = new java.util.HashMap<>();
        List<Arg> ps = Parameters.all(params);
        for (int i = 0; i < ps.size(); i++) {
            Arg a = ps.get(i);
            Value v = bound.get(i);
            String how = standInKey(v, st);
            Value passed;
            if (how.startsWith("=") || how.equals("-")) {
                passed = new Value(v.pts().withoutUnbound(), 0);
            } else {
                ObjKind kind = how.startsWith("I") ? ObjKind.INSTANCE : how.equals("?") ? ObjKind.UNKNOWN
                        : ObjKind.valueOf(how);
                int o = objs.site(a, def, 1, kind, "parameter " + a.name());
                ObjState w = st.write(o);
                w.escaped = true;
                w.contentsUnknown = true;
                if (kind == ObjKind.INSTANCE) {
                    Pts cls = Pts.EMPTY;
                    for (int j = 0; j < v.pts().size(); j++) {
                        ObjState os = from.read(v.pts().get(j));
                        Value c = os == null ? null : os.fields.get(FieldKey.attr("__class__"));
                        cls = c == null ? cls : cls.union(c.pts());
                    }
                    w.fields.put(FieldKey.attr("__class__"), new Value(cls, 0));
                }
                paramObjects.put(o, a.name());
                passed = fresh(o);
            }
            setSlot(st, frameObj, FieldKey.name(a.name()), passed, true);
        }
        SummaryRecorder saved = recorder;
        boolean savedStandalone = standaloneRun;
        long[] savedBody = budget.startNestedBody();
        int loopDepth = activeLoops.size();
        Stmt savedCurrent = current;
        State savedActive = activeState;
        Frame savedEscape = escapeFrame;
        long savedSteps = steps;
        long savedDeadline = effectDeadline;
        SummaryRecorder run = new SummaryRecorder(objs, st.snapshot(), paramObjects);
        recorder = run;
        standaloneRun = true;
        effectDeadline = Math.min(savedDeadline, steps + effectSteps);
        effectDepth++;
        callStack.push(def);
        SummaryRecorder.Effect effect = null;
        try {
            if (declaresOuterNames(s)) {
                run.opaque();
            }
            runBody(def, g);
            effect = run.finish(s.qualname(), Parameters.names(params), g.returned, g.returnState);
        } catch (Budget.BodyExhausted e) {
            effect = null; // the budget ran out: the call is then treated as unknown code
        } catch (Budget.FileExhausted e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            partials.internalError(Partials.nested(s.qualname()), e, activeLoops, current);
            effect = null;
        } finally {
            callStack.pop();
            effectDepth--;
            recorder = saved;
            standaloneRun = savedStandalone;
            budget.endBody(savedBody);
            truncateLoops(loopDepth);
            current = savedCurrent;
            activeState = savedActive;
            escapeFrame = savedEscape;
            effectDeadline = savedDeadline;
            if (savedDeadline == Long.MAX_VALUE) {
                // the outermost effect run: its steps come out of the effect budget, not the caller's
                effectSteps -= steps - savedSteps;
                steps = savedSteps;
            }
        }
        if (effect == null) {
            return null;
        }
        if (saved != null) {
            saved.assumed.addAll(run.assumed); // an outer run depends on what this one assumed
        }
        return new EffectRun(run, effect);
    }

    /**
     * The state a function sees when called from code the analysis cannot see: the module's final state with
     * every global that is not simply a def, class or import possibly anything, and every object's contents
     * possibly changed.
     */
    private State standaloneBase(State end) {
        State base = end == null ? new State() : end.copy();
        base.write(moduleObj);
        Set<String> stable = stableGlobals();
        int anything = objs.unknown(module, null, 7, "a global's value at call time");
        base.write(anything).escaped = true;
        base.write(anything).contentsUnknown = true;
        for (int id : base.objectIds()) {
            ObjState w = base.write(id);
            if (id == moduleObj) {
                w.fields.replaceAll((k, v) -> stable.contains(String.valueOf(k.key())) && v.pts().definitelyBound()
                        ? v : new Value(v.pts().union(Pts.of(anything)), 0));
            } else {
                AbstractObject o = objs.get(id);
                if (o.kind().mutable() && o.kind() != ObjKind.FUNCTION) {
                    w.contentsUnknown = true;
                    w.escaped = true;
                    w.collapseItems();
                    w.fields.replaceAll((k, v) -> v.withSym(0));
                }
            }
        }
        return base;
    }

    /** Module names bound exactly once, by def, class or import at module level, and never declared global. */
    private Set<String> stableGlobals;

    private Set<String> stableGlobals() {
        if (stableGlobals == null) {
            stableGlobals = StableGlobals.of(module, globalsWrittenByFunctions);
        }
        return stableGlobals;
    }

    private List<Scope> allFunctionScopes(Scope s, List<Scope> out) {
        for (Scope c : childScopes(s)) {
            if (isFunction(c)) {
                out.add(c);
            }
            allFunctionScopes(c, out);
        }
        return out;
    }

    private static List<Scope> childScopes(Scope s) {
        return s.children();
    }

    private static boolean isFunction(Scope s) {
        return s.kind() == ScopeKind.FUNCTION || s.kind() == ScopeKind.LAMBDA;
    }

    /** A star import, or exec/eval/locals/vars used at module level: any global may be bound by them. */
    private static boolean hasDynamicNames(Scope module, boolean starImport) {
        if (starImport) {
            return true;
        }
        for (String n : List.of("exec", "eval", "locals", "vars")) {
            Symbol sym = module.symbol(n);
            if (sym != null && sym.has(SymbolFlag.REFERENCED)) {
                return true;
            }
        }
        return false;
    }

    private void collectFunctionFacts(Scope s) {
        for (Scope c : s.children()) {
            if (isFunction(c)) {
                for (Symbol sym : c.symbols()) {
                    if (sym.kind() == SymbolKind.GLOBAL_EXPLICIT) {
                        globalsWrittenByFunctions.add(sym.name());
                    }
                }
            }
            collectFunctionFacts(c);
        }
    }

    private static int countStatements(List<Stmt> body) {
        int[] n = {0};
        AstWalker.statements(body, s -> n[0]++);
        return n[0];
    }

    /** A yield or await in the body itself (not in nested functions, classes or lambdas). */
    private static boolean containsYield(List<Stmt> body) {
        ArrayDeque<Node> todo = new ArrayDeque<>(body);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof Expr.Yield || n instanceof Expr.YieldFrom || n instanceof Expr.Await) {
                return true;
            }
            if (n instanceof Stmt.FunctionDef || n instanceof Stmt.ClassDef || n instanceof Expr.Lambda) {
                continue;
            }
            todo.addAll(AstWalker.children(n));
        }
        return false;
    }

    private void step() {
        steps++;
        if (steps > effectDeadline) {
            throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
        }
        budget.step();
    }

    private boolean standaloneRun;

    private boolean inStandalone() {
        return standaloneRun;
    }

    private boolean overSoftBudget() {
        return budget.overSoft();
    }

    // ------------------------------------------------------------------------------------------------ frames

    /** One execution of a code body: where its names live and the current abstract state. */
    private final class Frame {
        final Scope scope;
        /** Module object, frame object or class object holding this body's names. */
        final int frameObj;
        final Node context;
        final int funcObj;
        final Frame lexicalParent;
        final Frame caller;
        State st;
        boolean recording;
        boolean standalone;
        Value returned = Value.NOTHING;
        State returnState;
        /** An except-as name to unbind right after the next statement (the handler's last). */
        String unbindAfter;
        final Deque<State[]> loops = new ArrayDeque<>();
        final Deque<State[]> handlers = new ArrayDeque<>();

        Frame(Scope scope, int frameObj, Node context, int funcObj, Frame lexicalParent, Frame caller) {
            this.scope = scope;
            this.frameObj = frameObj;
            this.context = context;
            this.funcObj = funcObj;
            this.lexicalParent = lexicalParent;
            this.caller = caller;
        }

        FieldKey localKey(String name) {
            return scope.kind() == ScopeKind.CLASS ? FieldKey.attr(name) : FieldKey.name(name);
        }

        /** The code object constants of this body belong to (comprehensions count as their own). */
        Node codeNode() {
            return scope.owner();
        }

        boolean catching() {
            return !handlers.isEmpty() || caller != null && caller.catching();
        }

        int loopDepth() {
            return loops.size() + (caller == null ? 0 : caller.loopDepth());
        }

        /** Frame objects of an enclosing function scope. */
        Pts framesOf(Scope d) {
            if (scope == d) {
                return Pts.of(frameObj);
            }
            if (lexicalParent != null) {
                return lexicalParent.framesOf(d);
            }
            if (funcObj < 0 || st == null) {
                return Pts.EMPTY;
            }
            ObjState fs = st.read(funcObj);
            Value v = fs == null ? null : fs.fields.get(FieldKey.attr("__closure__" + d.qualname()));
            return v == null ? Pts.EMPTY : v.pts().withoutUnbound();
        }
    }

    // ------------------------------------------------------------------------------------------------ values

    private Value fresh(int obj) {
        return new Value(Pts.of(obj), objs.freshSym());
    }

    /** Allocates the recent object of a site, demoting the previous recent one (if live) to the summary. */
    private int allocate(State st, Node site, Node ctx, int flavor, ObjKind kind, String label) {
        int id = objs.site(site, ctx, flavor, kind, label);
        if (st.has(id)) {
            st.rename(id, objs.summaryOf(id));
        }
        st.write(id);
        return id;
    }

    private int unknownAt(State st, Node site, Node ctx, int flavor) {
        // unknown values are told apart by their symbols, never by object: the summary needs no demotion
        int id = objs.summaryOf(objs.unknown(site, ctx, flavor, "unknown"));
        ObjState w = st.read(id);
        if (w != null && w.escaped && w.contentsUnknown) {
            return id;
        }
        w = st.write(id);
        w.escaped = true;
        w.contentsUnknown = true;
        return id;
    }

    private Value none() {
        return new Value(Pts.of(objs.keyed("None", null, ObjKind.NONE, Origin.SINGLETON, "None", "None")), 0);
    }

    private int boolObj(boolean b) {
        return objs.keyed(b ? "True" : "False", null, ObjKind.BOOL, Origin.SINGLETON, b ? "True" : "False",
                b ? "True" : "False");
    }

    private Value bools() {
        return new Value(Pts.of(boolObj(true)).union(Pts.of(boolObj(false))), 0);
    }

    private ObjKind kindOf(Pts p) {
        ObjKind k = null;
        for (int i = 0; i < p.size(); i++) {
            int id = p.get(i);
            if (id == Pts.UNBOUND_ID) {
                continue;
            }
            ObjKind ok = objs.get(id).kind();
            if (k == null) {
                k = ok;
            } else if (k != ok) {
                return ObjKind.UNKNOWN;
            }
        }
        return k == null ? ObjKind.UNKNOWN : k;
    }

    private boolean isUnknownish(State st, int id) {
        AbstractObject o = objs.get(id);
        return o.origin() == Origin.UNKNOWN || o.kind() == ObjKind.UNKNOWN;
    }

    private Value readSlot(State st, int obj, FieldKey key) {
        return heap.readSlot(st, obj, key);
    }

    /** Writes a slot; strong (replacing) only when the holder is one concrete object. */
    private void setSlot(State st, int obj, FieldKey key, Value v, boolean strong) {
        ObjState w = st.write(obj);
        if (strong && objs.get(obj).singular()) {
            w.fields.put(key, v);
        } else {
            Value old = w.fields.get(key);
            w.fields.put(key, old == null ? new Value(v.pts().union(Pts.UNBOUND), 0) : old.join(v).withSym(0));
        }
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

    // ------------------------------------------------------------------------------------------------ binding

    /** Binds a name in the frame's scope, wherever that name lives (local, cell, global, class namespace). */
    private void store(String name, Value v, Frame f) {
        if (f.scope.kind() == ScopeKind.MODULE && !f.standalone && stableGlobals().contains(name)) {
            stableBindings++;
        }
        Where r = scopes.where(f.scope, name);
        if (r == Where.LOCAL || f.scope.kind() == ScopeKind.MODULE) {
            setSlot(f.st, f.frameObj, f.localKey(name), v, true);
        } else if (r == Where.GLOBAL) {
            if (f.standalone || f.st.read(moduleObj) == null) {
                return; // the module's globals are not tracked in a standalone run
            }
            setSlot(f.st, moduleObj, FieldKey.name(name), v, true);
        } else {
            Scope d = scopes.definingScope(f.scope, name);
            Pts frames = d == null ? Pts.EMPTY : f.framesOf(d);
            boolean strong = frames.single() >= 0;
            for (int i = 0; i < frames.size(); i++) {
                if (frames.get(i) != Pts.UNBOUND_ID) {
                    setSlot(f.st, frames.get(i), FieldKey.name(name), v, strong);
                }
            }
        }
    }

    private Value load(Expr.Name n, Frame f) {
        String name = n.id();
        Where r = scopes.where(f.scope, name);
        Value v;
        if (f.scope.kind() == ScopeKind.MODULE) {
            v = readSlot(f.st, moduleObj, FieldKey.name(name));
            v = withBuiltin(v, name, n, f);
        } else if (r == Where.LOCAL) {
            v = readSlot(f.st, f.frameObj, f.localKey(name));
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
            setSlot(f.st, moduleObj, FieldKey.name(name), v, true);
        } else if (r == Where.LOCAL && f.scope.kind() != ScopeKind.CLASS) {
            if (objs.get(f.frameObj).singular()) {
                setSlot(f.st, f.frameObj, f.localKey(name), v, true);
            }
        }
    }

    private Value loadGlobalOrFree(Expr.Name n, Frame f) {
        String name = n.id();
        Where r = f.scope.kind() == ScopeKind.CLASS && scopes.definingScope(f.scope, name) == null
                ? Where.GLOBAL : scopes.where(f.scope, name);
        if (r == Where.FREE || r == Where.LOCAL && f.scope.kind() == ScopeKind.CLASS) {
            Scope d = scopes.definingScope(f.scope, name);
            if (d != null) {
                Pts frames = f.framesOf(d);
                if (frames.isEmpty()) {
                    return fresh(unknownAt(f.st, n, f.context, 0));
                }
                Value v = null;
                for (int i = 0; i < frames.size(); i++) {
                    Value x = readSlot(f.st, frames.get(i), FieldKey.name(name));
                    v = v == null ? x : v.join(x);
                }
                return v;
            }
        }
        Value v = readSlot(f.st, moduleObj, FieldKey.name(name));
        return withBuiltin(v, name, n, f);
    }

    private Value withBuiltin(Value v, String name, Expr.Name n, Frame f) {
        if (!v.pts().maybeUnbound()) {
            return v;
        }
        Pts rest = v.pts().withoutUnbound();
        Pts b;
        if (BuiltinModels.isBuiltinName(name)) {
            b = Pts.of(builtinObject(name));
        } else if (name.equals("None")) {
            b = none().pts();
        } else if (dynamicModuleNames || f.standalone) {
            b = Pts.of(unknownAt(f.st, n, f.context, 1));
        } else {
            b = rest.isEmpty() ? Pts.UNBOUND : Pts.EMPTY; // NameError on that path
            if (rest.isEmpty()) {
                b = Pts.of(unknownAt(f.st, n, f.context, 1)); // maybe a builtin we do not list
            }
        }
        return new Value(rest.union(b), rest.isEmpty() ? 0 : 0);
    }

    private int builtinObject(String qualified) {
        return objs.keyed("builtin:" + qualified, null, ObjKind.BUILTIN, Origin.BUILTIN, qualified, qualified);
    }

    private int moduleObject(String name, Node site) {
        return objs.keyed("module:" + name, null, ObjKind.MODULE, Origin.BUILTIN, name, "module " + name);
    }

    /** After {@code from m import *} or exec(): any name of the scope may have been rebound. */
    private void havocNames(Frame f) {
        if (recorder != null) {
            recorder.opaque();
        }
        ObjState w = f.st.write(f.frameObj);
        int u = unknownAt(f.st, f.scope.owner(), f.context, 5);
        w = f.st.write(f.frameObj);
        w.fields.replaceAll((k, v) -> new Value(v.pts().union(Pts.of(u)), 0));
    }

    private void assign(Expr t, Value v, Frame f) {
        if (t instanceof Expr.Name n) {
            store(n.id(), v, f);
            pointsTo.merge(n, v.pts(), Pts::union);
        } else if (t instanceof Expr.TupleDisplay || t instanceof Expr.ListDisplay) {
            List<Expr> elts = t instanceof Expr.TupleDisplay d ? d.elts() : ((Expr.ListDisplay) t).elts();
            unpack(elts, v, t, f);
        } else if (t instanceof Expr.Starred s) {
            assign(s.value(), v, f);
        } else if (t instanceof Expr.Attribute a) {
            Value base = eval(a.value(), f);
            if (f.st == null) {
                return;
            }
            setAttr(base, a.attr().name(), v, a, f);
        } else if (t instanceof Expr.Subscript sub) {
            Value base = eval(sub.value(), f);
            if (f.st == null) {
                return;
            }
            Object key = null;
            boolean slice = sub.slice() instanceof Expr.Slice;
            if (slice) {
                Expr.Slice sl = (Expr.Slice) sub.slice();
                eval(sl.lower(), f);
                eval(sl.upper(), f);
                eval(sl.step(), f);
            } else {
                Value k = eval(sub.slice(), f);
                key = constantKey(sub.slice(), k);
            }
            if (f.st == null) {
                return;
            }
            storeItem(base, key, slice, v, sub, f);
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
        Value all = exact == null ? elements(v, f.st, site, f) : null;
        for (int i = 0; i < elts.size(); i++) {
            if (f.st == null) {
                return;
            }
            Expr e = elts.get(i);
            if (i == star) {
                Value l = fresh(allocate(f.st, e, f.context, 0, ObjKind.LIST, "list"));
                if (exact != null) {
                    List<Value> part = exact.subList(star, Math.max(star, exact.size() - (elts.size() - star - 1)));
                    setItems(l, part, f.st);
                } else {
                    addItems(l, all, f.st);
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
    private List<Value> exactItems(Value v, State st) {
        int o = v.pts().single();
        if (o < 0) {
            return null;
        }
        ObjState s = st.read(o);
        ObjKind k = objs.get(o).kind();
        if (s == null || s.length < 0 || s.contentsUnknown || !(k == ObjKind.LIST || k == ObjKind.TUPLE)
                || objs.get(o).summary()) {
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

    private void delete(Expr t, Frame f) {
        if (t instanceof Expr.Name n) {
            store(n.id(), Value.UNBOUND, f);
        } else if (t instanceof Expr.TupleDisplay d) {
            d.elts().forEach(e -> delete(e, f));
        } else if (t instanceof Expr.ListDisplay d) {
            d.elts().forEach(e -> delete(e, f));
        } else if (t instanceof Expr.Subscript sub) {
            Value base = eval(sub.value(), f);
            Value k = sub.slice() instanceof Expr.Slice ? Value.NOTHING : eval(sub.slice(), f);
            if (f.st == null) {
                return;
            }
            Object key = sub.slice() instanceof Expr.Slice ? null : constantKey(sub.slice(), k);
            mutated(base, sub, f, true);
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
            }
        } else if (t instanceof Expr.Attribute a) {
            Value base = eval(a.value(), f);
            if (f.st == null) {
                return;
            }
            mutated(base, a, f, true);
            int o = base.pts().single();
            if (o >= 0 && objs.get(o).singular()) {
                f.st.write(o).fields.put(FieldKey.attr(a.attr().name()), Value.UNBOUND);
            }
        }
    }

    private void augAssign(Stmt.AugAssign a, Frame f) {
        Value cur = evalTargetAsLoad(a.target(), f);
        if (f.st == null) {
            return;
        }
        Value rhs = eval(a.value(), f);
        if (f.st == null) {
            return;
        }
        ObjKind k = kindOf(cur.pts());
        Operator op = a.op();
        boolean inPlace = k == ObjKind.LIST && (op == Operator.ADD || op == Operator.MULT)
                || k == ObjKind.SET && (op == Operator.BITOR || op == Operator.BITAND || op == Operator.SUB
                || op == Operator.BITXOR)
                || k == ObjKind.DICT && op == Operator.BITOR
                || k == ObjKind.BYTEARRAY && (op == Operator.ADD || op == Operator.MULT);
        Value result;
        if (inPlace) {
            mutated(cur, a, f, true);
            if (op == Operator.ADD || op == Operator.BITOR || op == Operator.BITXOR) {
                addItems(cur, elements(rhs, f.st, a, f), f.st);
            } else if (op == Operator.MULT) {
                forEachObj(cur, o -> f.st.write(o).collapseItems());
            }
            result = cur;
        } else if (k.mutable() && k != ObjKind.BYTEARRAY) {
            // an object with unknown __iadd__: may mutate in place, may return anything
            mutatedMay(cur, a, f);
            Value r = binop(cur, op, rhs, a, f);
            if (f.st == null) {
                return;
            }
            result = new Value(cur.pts().union(r.pts()), 0);
        } else {
            result = binop(cur, op, rhs, a, f);
            if (f.st == null) {
                return;
            }
        }
        // the store back: on a tuple item it raises TypeError after the in-place change
        if (a.target() instanceof Expr.Subscript sub) {
            Value base = eval(sub.value(), f);
            if (f.st != null && base.pts().definitelyBound()
                    && base.pts().allMatch(o -> objs.get(o).kind() == ObjKind.TUPLE)) {
                raise(f);
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
        return t instanceof Expr.Name n ? load(n, f) : eval(t, f);
    }

    private void forEachObj(Value v, java.util.function.IntConsumer c) {
        for (int i = 0; i < v.pts().size(); i++) {
            int o = v.pts().get(i);
            if (o != Pts.UNBOUND_ID) {
                c.accept(o);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ heap ops

    private void setAttr(Value base, String attr, Value v, Node site, Frame f) {
        boolean strong = base.pts().single() >= 0;
        mutated(base, site, f, true);
        forEachObj(base, o -> {
            ObjKind k = objs.get(o).kind();
            if (k == ObjKind.INSTANCE || k == ObjKind.CLASS || k == ObjKind.FUNCTION || k == ObjKind.MODULE
                    || k == ObjKind.UNKNOWN) {
                setSlot(f.st, o, FieldKey.attr(attr), v, strong);
            }
        });
        if (base.pts().anyMatch(o -> f.st.read(o) != null && f.st.read(o).escaped)) {
            escape(v, f);
        }
    }

    private void storeItem(Value base, Object key, boolean slice, Value v, Node site, Frame f) {
        mutated(base, site, f, true);
        boolean strong = base.pts().single() >= 0;
        forEachObj(base, o -> {
            ObjKind k = objs.get(o).kind();
            ObjState s = f.st.read(o);
            if (k == ObjKind.MEMORYVIEW) {
                // a write through a view changes the exporter's memory
                Value exporter = readSlot(f.st, o, FieldKey.attr("obj"));
                mutated(new Value(exporter.pts().withoutUnbound(), 0), site, f, true);
                return;
            }
            if (!(k == ObjKind.LIST || k == ObjKind.DICT || k == ObjKind.UNKNOWN || k == ObjKind.INSTANCE)) {
                return;
            }
            if (slice) {
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
            if (idx != null && (k == ObjKind.DICT || k == ObjKind.LIST)) {
                setSlot(f.st, o, FieldKey.item(idx), v, strong);
            } else {
                ObjState w = f.st.write(o);
                Value old = w.fields.get(FieldKey.ANY_ITEM);
                w.fields.put(FieldKey.ANY_ITEM, old == null ? new Value(v.pts(), 0) : old.join(v).withSym(0));
                if (k == ObjKind.DICT && idx == null) {
                    w.collapseItems();
                }
            }
        });
        if (base.pts().anyMatch(o -> f.st.read(o) != null && f.st.read(o).escaped)) {
            escape(v, f);
        }
    }

    /** Union of everything the containers may hold. */
    private Value elements(Value v, State st, Node site, Frame f) {
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
                out = out.union(Pts.of(computedObj(k == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)));
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
            out = out.union(Pts.of(unknownAt(f.st, site, f.context, 2)));
        }
        return new Value(out, 0);
    }

    private void addItems(Value container, Value items, State st) {
        if (container.pts().anyMatch(o -> st.read(o) != null && st.read(o).escaped) && escapeFrame != null
                && escapeFrame.st == st) {
            escape(items, escapeFrame);
        }
        forEachObj(container, o -> {
            ObjState w = st.write(o);
            w.collapseItems();
            Value old = w.fields.get(FieldKey.ANY_ITEM);
            Value add = new Value(items.pts().withoutUnbound(), 0);
            w.fields.put(FieldKey.ANY_ITEM, old == null ? add : old.join(add).withSym(0));
        });
    }

    private void setItems(Value container, List<Value> items, State st) {
        forEachObj(container, o -> {
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

    private Value item(Value container, Object key, Node site, Frame f) {
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
                out = out.union(Pts.of(computedObj(k == ObjKind.STR ? ObjKind.STR : ObjKind.INT, site, f)));
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
            out = out.union(Pts.of(unknownAt(f.st, site, f.context, 2)));
        }
        return new Value(out, sym);
    }

    /** A new immutable value whose identity depends on CPython's caches. */
    private int computedObj(ObjKind kind, Node site, Frame f) {
        return objs.keyed("computed:" + kind, null, kind, Origin.UNKNOWN, null, "a computed " + kind.pythonName());
    }

    private final IdentityHashMap<Expr.Constant, Object> constantKeys = new IdentityHashMap<>();

    private Object constantKey(Expr e, Value v) {
        if (e instanceof Expr.Constant c) {
            Object k = constantKeys.get(c);
            if (k == null && !constantKeys.containsKey(c)) {
                k = Constants.key(c);
                constantKeys.put(c, k);
            }
            return k;
        }
        if (e instanceof Expr.UnaryOp u && u.op() == UnaryOperator.USUB && u.operand() instanceof Expr.Constant c
                && c.kind() == ConstantKind.INT) {
            Object k = Constants.key(c);
            return k instanceof Long l ? (Object) (-l) : null;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ escape

    /** Unknown code gets these objects: everything reachable may be mutated or stored anywhere. */
    private void escape(Value v, Frame f) {
        if (f.st == null || v.pts().isEmpty()) {
            return;
        }
        if (recorder != null) {
            recorder.escaped(v.pts());
        }
        if (alreadyEscaped(v.pts(), f.st)) {
            return;
        }
        ArrayDeque<Integer> work = new ArrayDeque<>();
        forEachObj(v, work::push);
        escapeFrom(work, f);
    }

    /** Every object of {@code p} escaped before with unknown contents (or immutable): nothing more to do. */
    private boolean alreadyEscaped(Pts p, State st) {
        for (int i = 0; i < p.size(); i++) {
            int o = p.get(i);
            if (o == Pts.UNBOUND_ID || o == moduleObj) {
                continue;
            }
            ObjState s = st.read(o);
            if (s != null && !(s.escaped && (s.contentsUnknown || !objs.get(o).kind().mutable()))) {
                return false;
            }
        }
        return true;
    }

    private void escapeFrom(ArrayDeque<Integer> work, Frame f) {
        Set<Integer> seen = new HashSet<>();
        while (!work.isEmpty()) {
            int o = work.pop();
            if (!seen.add(o) || seen.size() > 2000) {
                continue;
            }
            if (recorder != null) {
                recorder.escaped(o);
            }
            AbstractObject ao = objs.get(o);
            ObjState s = f.st.read(o);
            if (s == null || o == moduleObj) {
                continue;
            }
            if (s.escaped && (s.contentsUnknown || !ao.kind().mutable())) {
                continue; // escaped before: what it held escaped with it, what it got since escaped on storing
            }
            if (!(s.escaped && s.contentsUnknown)) {
                ObjState w = f.st.write(o);
                w.escaped = true;
                if (ao.kind().mutable() && ao.kind() != ObjKind.FRAME) {
                    w.contentsUnknown = true;
                    w.collapseItems();
                    w.fields.replaceAll((k, x) -> x.withSym(0));
                }
                if (ao.kind() == ObjKind.FUNCTION) {
                    f.st.write(moduleObj).fields.put(FieldKey.attr("<escaped code>"), none());
                }
                s = w;
            }
            for (Value x : s.fields.values()) {
                forEachObj(x, work::push);
            }
        }
    }

    /** Effects of calling code the analysis cannot see with these arguments. */
    private Value unknownCall(List<Value> args, Node site, Frame f) {
        if (recorder != null) {
            recorder.opaque();
        }
        for (Value a : args) {
            escape(a, f);
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        ObjState m = f.st.read(moduleObj);
        if (m != null && m.fields.containsKey(FieldKey.attr("<escaped code>"))) {
            havocGlobals(site, f);
        }
        return fresh(unknownAt(f.st, site, f.context, 0));
    }

    /** A file function we do not enter may rebind the globals it declares and mutate what globals reach. */
    private void havocGlobals(Node site, Frame f) {
        if (recorder != null) {
            recorder.opaque();
        }
        if (f.standalone || f.st.read(moduleObj) == null) {
            return;
        }
        int u = unknownAt(f.st, site, f.context, 6);
        if (!globalsWrittenByFunctions.isEmpty()) {
            ObjState m = f.st.read(moduleObj);
            boolean changes = false;
            for (String g : globalsWrittenByFunctions) {
                Value old = m.fields.get(FieldKey.name(g));
                changes |= old == null || old.sym() != 0 || !old.pts().contains(u);
            }
            if (changes) {
                ObjState w = f.st.write(moduleObj);
                for (String g : globalsWrittenByFunctions) {
                    Value old = w.fields.get(FieldKey.name(g));
                    w.fields.put(FieldKey.name(g), old == null ? new Value(Pts.of(u).union(Pts.UNBOUND), 0)
                            : new Value(old.pts().union(Pts.of(u)), 0));
                }
            }
        }
        ArrayDeque<Integer> work = null;
        for (Map.Entry<FieldKey, Value> e : f.st.read(moduleObj).fields.entrySet()) {
            if (e.getKey().kind() == FieldKey.Kind.NAME && !alreadyEscaped(e.getValue().pts(), f.st)) {
                if (work == null) {
                    work = new ArrayDeque<>();
                }
                forEachObj(e.getValue(), work::push);
            }
        }
        if (work != null) {
            escapeFrom(work, f);
        }
    }

    // ------------------------------------------------------------------------------------------------ mutation

    private State activeState;
    /** The frame whose state builtin models currently change (for escapes through containers). */
    private Frame escapeFrame;

    private void mutated(Value target, Node site, Frame f, boolean certain) {
        if (recorder != null && f.st != null) {
            recorder.mutated(target.pts().withoutUnbound());
        }
        if (!f.recording || f.st == null) {
            return;
        }
        activeState = f.st;
        Pts objsMut = target.pts().withoutUnbound();
        if (objsMut.isEmpty()) {
            return;
        }
        mutations.add(new MutationFact(site, f.scope.qualname(), objsMut, certain, heap, snapshot(f, false)));
        // the caller's call statement mutates too: tell its scope's names
        if (f.caller != null && f.context != null && f.caller.recording) {
            mutatedInCaller(objsMut, f.context, f.caller, certain);
        }
    }

    private void mutatedInCaller(Pts objsMut, Node site, Frame g, boolean certain) {
        State saved = g.st;
        g.st = currentState(g);
        try {
            mutated(new Value(objsMut, 0), site, g, certain);
        } finally {
            g.st = saved;
        }
    }

    /** A caller's state while its callee runs is the callee's (one heap for the whole program). */
    private State currentState(Frame g) {
        return activeState;
    }

    private void mutatedMay(Value target, Node site, Frame f) {
        mutated(target, site, f, false);
    }

    // ------------------------------------------------------------------------------------------------ facts

    private void record(Stmt s, Frame f) {
        StatementFacts sf = facts.computeIfAbsent(s, k -> new StatementFacts(s, f.scope.qualname(), heap,
                refcountTargets(s)));
        sf.visit(snapshot(f, !standaloneRun));
        partials.recorded(s);
    }

    /** The body's view of the current state, kept for facts worked out later; with the roots for refcounts. */
    private FrameSnapshot snapshot(Frame f, boolean refcounts) {
        int[] roots = null;
        if (refcounts) {
            List<Integer> chain = new ArrayList<>();
            chain.add(moduleObj);
            for (Frame g = f; g != null; g = g.caller != null ? g.caller : g.lexicalParent) {
                chain.add(g.frameObj);
            }
            roots = chain.stream().mapToInt(Integer::intValue).toArray();
        }
        return new FrameSnapshot(f.st.snapshot(), f.scope, f.frameObj, heap.freeFrames(f.scope, f::framesOf), roots,
                refcounts ? f.loopDepth() : 0);
    }

    /** The names whose reference counts a statement reports: its name targets, or the names passed to calls. */
    private static List<String> refcountTargets(Stmt s) {
        List<String> targets = new ArrayList<>();
        if (s instanceof Stmt.Assign a) {
            for (Expr t : a.targets()) {
                if (t instanceof Expr.Name n) {
                    targets.add(n.id());
                }
            }
        } else if (s instanceof Stmt.Expression e && e.value() instanceof Expr.Call c) {
            // print(sys.getrefcount(x)) and friends: the names passed to calls
            collectRefcountArgs(c, targets);
        } else if (s instanceof Stmt.AugAssign a && a.target() instanceof Expr.Name n) {
            targets.add(n.id());
        }
        return targets.isEmpty() ? List.of() : List.copyOf(targets);
    }

    private static void collectRefcountArgs(Expr.Call c, List<String> out) {
        for (Expr a : c.args()) {
            if (a instanceof Expr.Name n) {
                out.add(n.id());
            } else if (a instanceof Expr.Call inner) {
                collectRefcountArgs(inner, out);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ expressions

    private Value eval(Expr e, Frame f) {
        return eval(e, f, e);
    }

    /** Evaluates {@code e}; {@code key} is the node facts are attributed to (the original node of a rewrite). */
    private Value eval(Expr e, Frame f, Expr key) {
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
            pointsTo.merge(key, v.pts(), Pts::union);
        }
        return v;
    }

    private Value evalInner(Expr e, Frame f) {
        if (e instanceof Expr.Name n) {
            return load(n, f);
        } else if (e instanceof Expr.Constant c) {
            return constant(c, f);
        } else if (e instanceof Expr.Call c) {
            return call(c, f);
        } else if (e instanceof Expr.Attribute a) {
            Value base = eval(a.value(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            Value v = lookupAttr(base, a.attr().name(), a, f, false);
            if (v == null) {
                return fresh(unknownAt(f.st, a, f.context, 0));
            }
            return v.sym() == 0 ? v.withSym(objs.freshSym()) : v;
        } else if (e instanceof Expr.Subscript s) {
            return subscript(s, f);
        } else if (e instanceof Expr.ListDisplay d) {
            return display(d.elts(), ObjKind.LIST, d, f);
        } else if (e instanceof Expr.TupleDisplay d) {
            return tuple(d, f);
        } else if (e instanceof Expr.SetDisplay d) {
            return display(d.elts(), ObjKind.SET, d, f);
        } else if (e instanceof Expr.DictDisplay d) {
            return dict(d, f);
        } else if (e instanceof Expr.BinOp b) {
            return binOpChain(b, f);
        } else if (e instanceof Expr.UnaryOp u) {
            if (u.op() == UnaryOperator.USUB && u.operand() instanceof Expr.Constant c
                    && (c.kind() == ConstantKind.INT || c.kind() == ConstantKind.FLOAT)) {
                return negativeConstant(c, u, f);
            }
            Value v = eval(u.operand(), f);
            if (u.op() == UnaryOperator.NOT) {
                return bools();
            }
            ObjKind k = kindOf(v.pts());
            if (k == ObjKind.INT || k == ObjKind.FLOAT || k == ObjKind.BOOL || k == ObjKind.COMPLEX) {
                return fresh(computedObj(k == ObjKind.BOOL ? ObjKind.INT : k, u, f));
            }
            return unknownCall(List.of(v), u, f);
        } else if (e instanceof Expr.BoolOp b) {
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
        } else if (e instanceof Expr.IfExp i) {
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
        } else if (e instanceof Expr.Compare c) {
            return compare(c, f);
        } else if (e instanceof Expr.NamedExpr w) {
            Value v = eval(w.value(), f);
            if (f.st != null) {
                store(w.target().id(), v, f);
                pointsTo.merge(w.target(), v.pts(), Pts::union);
            }
            return v;
        } else if (e instanceof Expr.Lambda l) {
            return makeFunction(l, l.args(), List.of(), f);
        } else if (e instanceof Expr.ListComp c) {
            return comprehension(c, c.generators(), List.of(c.elt()), ObjKind.LIST, f);
        } else if (e instanceof Expr.SetComp c) {
            return comprehension(c, c.generators(), List.of(c.elt()), ObjKind.SET, f);
        } else if (e instanceof Expr.DictComp c) {
            return comprehension(c, c.generators(), c.value() == null ? List.of(c.key()) : List.of(c.key(),
                    c.value()), ObjKind.DICT, f);
        } else if (e instanceof Expr.GeneratorExp c) {
            return comprehension(c, c.generators(), List.of(c.elt()), ObjKind.GENERATOR, f);
        } else if (e instanceof Expr.JoinedStr j) {
            for (Expr x : j.values()) {
                eval(x, f);
            }
            return fresh(computedObj(ObjKind.STR, j, f));
        } else if (e instanceof Expr.TemplateStr t) {
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
        } else if (e instanceof Expr.Interpolation i) {
            return eval(i.value(), f);
        } else if (e instanceof Expr.FormattedValue fv) {
            Value v = eval(fv.value(), f);
            if (fv.formatSpec() != null) {
                eval(fv.formatSpec(), f);
            }
            if (!v.pts().allMatch(o -> !objs.get(o).kind().mutable() || objs.get(o).kind().container())) {
                unknownCall(List.of(v), fv, f); // __format__ / __str__ of an object we cannot see
            }
            return fresh(computedObj(ObjKind.STR, fv, f));
        } else if (e instanceof Expr.Starred s) {
            return eval(s.value(), f);
        } else if (e instanceof Expr.Yield y) {
            if (y.value() != null) {
                escape(eval(y.value(), f), f);
            }
            return f.st == null ? Value.NOTHING : unknownCall(List.of(), y, f);
        } else if (e instanceof Expr.YieldFrom y) {
            Value v = eval(y.value(), f);
            return unknownCall(List.of(v), y, f);
        } else if (e instanceof Expr.Await a) {
            Value v = eval(a.value(), f);
            return unknownCall(List.of(v), a, f);
        } else if (e instanceof Expr.Slice s) {
            eval(s.lower(), f);
            eval(s.upper(), f);
            eval(s.step(), f);
            return fresh(computedObj(ObjKind.UNKNOWN, s, f));
        }
        return f.st == null ? Value.NOTHING : fresh(unknownAt(f.st, e, f.context, 0));
    }

    // ---- constants and identity

    private Value constant(Expr.Constant c, Frame f) {
        // one node is in one code object: its object never changes
        Pts p = constants.get(c);
        if (p == null) {
            p = Pts.of(constantObj(c, c.kind(), Constants.key(c), f));
            constants.put(c, p);
        }
        return new Value(p, 0);
    }

    private int constantObj(Node site, ConstantKind kind, Object key, Frame f) {
        switch (kind) {
            case NONE:
                return none().pts().single();
            case TRUE:
                return boolObj(true);
            case FALSE:
                return boolObj(false);
            case ELLIPSIS:
                return objs.keyed("Ellipsis", null, ObjKind.ELLIPSIS, Origin.SINGLETON, "Ellipsis", "Ellipsis");
            default:
                break;
        }
        ObjKind ok = switch (kind) {
            case INT -> ObjKind.INT;
            case FLOAT -> ObjKind.FLOAT;
            case COMPLEX -> ObjKind.COMPLEX;
            case STR -> ObjKind.STR;
            default -> ObjKind.BYTES;
        };
        if (key == null || kind == ConstantKind.COMPLEX || kind == ConstantKind.BYTES) {
            // undecoded literal: its own object (CPython may merge it with an equal one; we claim nothing)
            return objs.keyed(new IdentityKey(site), site, ok, Origin.CONSTANT, null, "literal");
        }
        if (kind == ConstantKind.INT && key instanceof Long l && l >= -5 && l <= 256) {
            return objs.keyed("int:" + l, null, ObjKind.INT, Origin.SINGLETON, l, String.valueOf(l));
        }
        if (kind == ConstantKind.STR && key instanceof String s
                && (Constants.identifierLike(s) || s.length() == 1 && s.charAt(0) < 256)) {
            return objs.keyed("str:" + s, null, ObjKind.STR, Origin.SINGLETON, s, "'" + s + "'");
        }
        // equal constants of one code object are one object (co_consts)
        Object typedKey = kind == ConstantKind.FLOAT ? (Object) ("f" + (key instanceof Long l ? (double) l : key))
                : key;
        return objs.keyed(new ConstKey(new IdentityKey(f.codeNode()), ok, typedKey), f.codeNode(), ok,
                Origin.CONSTANT, key, String.valueOf(key));
    }

    private record IdentityKey(Object node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }

    private record ConstKey(IdentityKey code, ObjKind kind, Object value) {}

    private Value negativeConstant(Expr.Constant c, Expr.UnaryOp u, Frame f) {
        Object k = Constants.key(c);
        if (c.kind() == ConstantKind.INT && k instanceof Long l) {
            return new Value(Pts.of(constantObj(u, ConstantKind.INT, -l, f)), 0);
        }
        if (c.kind() == ConstantKind.FLOAT && k instanceof Long l && l != 0) {
            return new Value(Pts.of(constantObj(u, ConstantKind.FLOAT, -l, f)), 0);
        }
        if (c.kind() == ConstantKind.FLOAT && k instanceof Double d) {
            return new Value(Pts.of(constantObj(u, ConstantKind.FLOAT, -d, f)), 0);
        }
        return fresh(computedObj(c.kind() == ConstantKind.INT ? ObjKind.INT : ObjKind.FLOAT, u, f));
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
                reads.add(load(name, f));
            }
            for (Node c : AstWalker.children(n)) {
                todo.push(c);
            }
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Value out = unknownCall(reads, e, f);
        for (Expr.Name t : walrus) {
            if (f.st == null) {
                break;
            }
            store(t.id(), fresh(unknownAt(f.st, t, f.context, 0)), f);
        }
        return f.st == null ? Value.NOTHING : out;
    }

    private Value compare(Expr.Compare c, Frame f) {
        Value left = eval(c.left(), f);
        List<Value> rights = new ArrayList<>();
        for (Expr r : c.comparators()) {
            rights.add(eval(r, f));
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Value prev = left;
        for (int i = 0; i < c.ops().size(); i++) {
            CmpOperator op = c.ops().get(i);
            Value r = rights.get(i);
            if (op == CmpOperator.IS || op == CmpOperator.IS_NOT) {
                identities.merge(c, verdict(c, prev, r, f), this::mergeVerdict);
            } else if (op == CmpOperator.EQ && isIdCall(i == 0 ? c.left() : c.comparators().get(i - 1))
                    && isIdCall(c.comparators().get(i))) {
                Value a = idArg(i == 0 ? c.left() : c.comparators().get(i - 1), f);
                Value b = idArg(c.comparators().get(i), f);
                if (a != null && b != null) {
                    identities.merge(c, verdict(c, a, b, f), this::mergeVerdict);
                }
            } else if ((op == CmpOperator.IN || op == CmpOperator.NOT_IN || op == CmpOperator.EQ)
                    && r.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.INSTANCE)) {
                unknownCall(List.of(prev, r), c, f);
            }
            prev = r;
        }
        return bools();
    }

    private boolean isIdCall(Expr e) {
        return e instanceof Expr.Call call && call.func() instanceof Expr.Name n && n.id().equals("id")
                && call.args().size() == 1;
    }

    private final IdentityHashMap<Expr, Value> idArgs = new IdentityHashMap<>();

    private Value idArg(Expr idCall, Frame f) {
        return idArgs.get(((Expr.Call) idCall).args().get(0));
    }

    private IdentityVerdict mergeVerdict(IdentityVerdict a, IdentityVerdict b) {
        return a.answer() == b.answer() ? a : new IdentityVerdict(a.site(), IdentityVerdict.Answer.DEPENDS,
                "differs between executions");
    }

    private IdentityVerdict verdict(Node site, Value a, Value b, Frame f) {
        Pts pa = a.pts().withoutUnbound();
        Pts pb = b.pts().withoutUnbound();
        int oa = pa.single();
        int ob = pb.single();
        if (a.sym() != 0 && a.sym() == b.sym() || oa >= 0 && oa == ob && objs.get(oa).singular()
                && objs.get(oa).origin() != Origin.UNKNOWN) {
            AbstractObject o = objs.get(oa >= 0 ? oa : pa.get(0));
            String why = switch (o.origin()) {
                case SINGLETON -> o.kind() == ObjKind.INT ? "small ints -5..256 are cached: one object"
                        : o.kind() == ObjKind.STR ? "identifier-like string literals are interned: one object"
                        : o.label() + " is a singleton";
                case CONSTANT -> "equal constants of one code object are one object";
                default -> "both names refer to the same object";
            };
            return new IdentityVerdict(site, IdentityVerdict.Answer.SAME, why);
        }
        boolean anyUnknown = pa.anyMatch(o -> objs.get(o).origin() == Origin.UNKNOWN)
                || pb.anyMatch(o -> objs.get(o).origin() == Origin.UNKNOWN);
        if (!anyUnknown && !pa.intersects(pb) && !pa.isEmpty() && !pb.isEmpty()) {
            boolean constantsMayMerge = pa.anyMatch(x -> objs.get(x).origin() == Origin.CONSTANT)
                    && pb.anyMatch(x -> objs.get(x).origin() == Origin.CONSTANT);
            if (!constantsMayMerge) {
                return new IdentityVerdict(site, IdentityVerdict.Answer.DIFFERENT, "distinct objects");
            }
        }
        return new IdentityVerdict(site, IdentityVerdict.Answer.DEPENDS,
                "depends on values or on CPython's caching (an implementation detail)");
    }

    // ---- containers

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
                extra = extra.union(elements(v, f.st, x, f).pts());
            } else {
                items.add(v);
            }
        }
        int o = allocate(f.st, site, f.context, 0, kind, kind.pythonName() + " display");
        Value r = fresh(o);
        if (kind == ObjKind.LIST && !starred) {
            setItems(r, items, f.st);
        } else {
            Pts all = extra;
            for (Value v : items) {
                all = all.union(v.pts());
            }
            if (!all.isEmpty()) {
                addItems(r, new Value(all, 0), f.st);
            }
            if (starred && kind == ObjKind.LIST) {
                recordCopy(site, r, f);
            }
        }
        return r;
    }

    private Value tuple(Expr.TupleDisplay d, Frame f) {
        if (d.elts().isEmpty()) {
            return new Value(Pts.of(objs.keyed("()", null, ObjKind.TUPLE, Origin.SINGLETON, "()", "()")), 0);
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
                v = elements(v, f.st, x, f);
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
            setItems(r, items, f.st);
            return r;
        }
        o = allocate(f.st, d, f.context, 0, ObjKind.TUPLE, "tuple");
        Value r = fresh(o);
        if (starred) {
            Pts all = Pts.EMPTY;
            for (Value v : items) {
                all = all.union(v.pts());
            }
            addItems(r, new Value(all, 0), f.st);
        } else {
            setItems(r, items, f.st);
        }
        return r;
    }

    private Value dict(Expr.DictDisplay d, Frame f) {
        List<Object> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        Pts spread = Pts.EMPTY;
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
                spread = spread.union(elements(v, f.st, d, f).pts());
                keys.add(null);
                values.add(null);
            } else {
                keys.add(constantKey(k, kv));
                values.add(v);
            }
        }
        int o = allocate(f.st, d, f.context, 0, ObjKind.DICT, "dict display");
        Value r = fresh(o);
        if (!spread.isEmpty()) {
            addItems(r, new Value(spread, 0), f.st);
        }
        for (int i = 0; i < keys.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            if (keys.get(i) != null && spread.isEmpty()) {
                f.st.write(o).fields.put(FieldKey.item(keys.get(i)), values.get(i));
            } else {
                addItems(r, values.get(i), f.st);
            }
        }
        if (copyLike) {
            recordCopy(d, r, f);
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
            ObjKind k = kindOf(base.pts());
            boolean full = sl.lower() == null && sl.upper() == null && sl.step() == null;
            if (k == ObjKind.LIST) {
                return shallowCopy(base, ObjKind.LIST, s, f);
            }
            if (k == ObjKind.TUPLE && full) {
                return base; // t[:] is t
            }
            if (k == ObjKind.TUPLE) {
                Value t = fresh(allocate(f.st, s, f.context, 0, ObjKind.TUPLE, "tuple"));
                addItems(t, elements(base, f.st, s, f), f.st);
                return t;
            }
            if (k == ObjKind.MEMORYVIEW) {
                // slicing a view gives another view of the same memory
                Value mv = fresh(allocate(f.st, s, f.context, 0, ObjKind.MEMORYVIEW, "memoryview"));
                Value exporter = Value.NOTHING;
                for (int i = 0; i < base.pts().size(); i++) {
                    exporter = exporter.join(readSlot(f.st, base.pts().get(i), FieldKey.attr("obj")));
                }
                setSlot(f.st, mv.pts().single(), FieldKey.attr("obj"), new Value(exporter.pts().withoutUnbound(), 0),
                        true);
                return mv;
            }
            if (k == ObjKind.STR || k == ObjKind.BYTES || k == ObjKind.BYTEARRAY) {
                return k == ObjKind.BYTEARRAY ? fresh(allocate(f.st, s, f.context, 0, k, "bytearray"))
                        : fresh(computedObj(k, s, f));
            }
            return unknownCall(List.of(base), s, f);
        }
        Value k = eval(s.slice(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (base.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.INSTANCE || objs.get(o).kind() == ObjKind.CLASS)) {
            return unknownCall(List.of(base, k), s, f);
        }
        Value v = item(base, constantKey(s.slice(), k), s, f);
        return v.sym() == 0 ? v.withSym(objs.freshSym()) : v;
    }

    private Value shallowCopy(Value src, ObjKind kind, Node site, Frame f) {
        Value elems = elements(src, f.st, site, f);
        int o = allocate(f.st, site, f.context, 0, kind, kind.pythonName() + " copy");
        Value r = fresh(o);
        List<Value> exact = kind == ObjKind.LIST || kind == ObjKind.TUPLE ? exactItems(src, f.st) : null;
        if (exact != null && kindOf(src.pts()) == kind) {
            List<Value> copyItems = new ArrayList<>();
            for (Value x : exact) {
                copyItems.add(x);
            }
            setItems(r, copyItems, f.st);
        } else if (kind == ObjKind.DICT && src.pts().single() >= 0 && kindOf(src.pts()) == ObjKind.DICT
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

    private void recordCopy(Node site, Value copy, Frame f) {
        Value elems = elements(copy, f.st, site, null);
        int shared = 0;
        for (int i = 0; i < elems.pts().size(); i++) {
            AbstractObject o = objs.get(elems.pts().get(i));
            if (o != null && o.kind().mutable() && !o.kind().isCode()) {
                shared++;
            }
        }
        CopyFact cf = new CopyFact(site, CopyFact.Depth.SHALLOW, shared);
        copies.merge(site, cf, (a, b) -> new CopyFact(site, CopyFact.Depth.SHALLOW,
                Math.max(a.sharedMutables(), b.sharedMutables())));
    }

    private Value deepCopy(Value src, Node site, Frame f, int depth) {
        if (src.pts().allMatch(o -> {
            ObjKind k = objs.get(o).kind();
            return !k.mutable() && !k.container() || k.isCode();
        })) {
            return src; // immutable atoms (and functions, classes) are shared by deepcopy
        }
        if (depth > 4) {
            int u = allocate(f.st, site, f.context, 100 + depth, ObjKind.UNKNOWN, "deep copy part");
            f.st.write(u).contentsUnknown = true;
            return fresh(u);
        }
        ObjKind k = kindOf(src.pts());
        if (k == ObjKind.UNKNOWN && src.pts().anyMatch(o -> objs.get(o).kind() == ObjKind.UNKNOWN)) {
            int u = allocate(f.st, site, f.context, 100 + depth, ObjKind.UNKNOWN, "deep copy");
            f.st.write(u).contentsUnknown = true;
            return fresh(u);
        }
        int o = allocate(f.st, site, f.context, depth, k, k.pythonName() + " deep copy");
        Value r = fresh(o);
        List<Value> exact = exactItems(src, f.st);
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
            copies.put(site, new CopyFact(site, CopyFact.Depth.DEEP, 0));
        }
        return r;
    }

    private Value comprehension(Expr node, List<Comprehension> gens, List<Expr> results, ObjKind kind, Frame f) {
        Scope cs = scopes.tree().scopeOf(node);
        Value firstIter = eval(gens.get(0).iter(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        int result = allocate(f.st, node, f.context, 0, kind, kind.pythonName() + " comprehension");
        int frameObj = allocate(f.st, node, f.context, 1, ObjKind.FRAME, "comprehension frame");
        Frame cf = new Frame(cs, frameObj, f.context, f.funcObj, f, f.caller);
        cf.standalone = f.standalone;
        cf.st = f.st;
        cf.recording = false;
        // iterate the body to a fixed point: every element expression runs many times
        State head = cf.st;
        State exit = head;
        for (int iter = 0; iter < MAX_LOOP_ITERATIONS; iter++) {
            step();
            cf.st = head.copy();
            compBody(gens, 0, firstIter, results, result, kind, cf, node);
            State next = cf.st == null ? head : head.join(cf.st);
            if (next.equals(head)) {
                exit = next;
                break;
            }
            head = next;
            exit = head;
            if (iter == MAX_LOOP_ITERATIONS - 1) {
                throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
            }
        }
        f.st = exit;
        f.st.remove(frameObj);
        f.st.remove(objs.summaryOf(frameObj));
        Value r = fresh(result);
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
        Value iter = i == 0 ? firstIter : eval(g.iter(), cf);
        if (cf.st == null) {
            return;
        }
        Value elem = iterElements(iter, g.iter(), cf);
        if (cf.st == null) {
            return;
        }
        assign(g.target(), elem, cf);
        for (Expr cond : g.ifs()) {
            eval(cond, cf);
        }
        if (i + 1 < gens.size()) {
            compBody(gens, i + 1, firstIter, results, result, kind, cf, node);
            return;
        }
        Value r = Value.NOTHING;
        if (kind == ObjKind.DICT && results.size() == 2) {
            eval(results.get(0), cf);
            r = eval(results.get(1), cf);
        } else if (results.get(0) instanceof Expr.Starred || kind == ObjKind.DICT) {
            // 3.15 (PEP 798) [*x for x in xs], {**d for d in ds}: the items of each, not the iterable itself
            Expr src = results.get(0) instanceof Expr.Starred st ? st.value() : results.get(0);
            Value v = eval(src, cf);
            r = cf.st == null ? Value.NOTHING : elements(v, cf.st, src, cf);
        } else {
            r = eval(results.get(0), cf);
        }
        if (cf.st != null) {
            addItems(new Value(Pts.of(result), 0), r, cf.st);
        }
    }

    // ---- operators

    private Value binop(Value l, Operator op, Value r, Node site, Frame f) {
        if (l.pts().isEmpty() || r.pts().isEmpty()) {
            return Value.NOTHING; // an operand no execution produces (a recursive call assumed to return nothing)
        }
        ObjKind kl = kindOf(l.pts());
        ObjKind kr = kindOf(r.pts());
        if (kl == ObjKind.LIST && op == Operator.MULT || kr == ObjKind.LIST && op == Operator.MULT
                && (kl == ObjKind.INT || kl == ObjKind.BOOL)) {
            // [e] * n: a new list repeating the SAME element objects
            Value src = kl == ObjKind.LIST ? l : r;
            Value out = fresh(allocate(f.st, site, f.context, 0, ObjKind.LIST, "list"));
            addItems(out, elements(src, f.st, site, f), f.st);
            return out;
        }
        if (kl == ObjKind.TUPLE && op == Operator.MULT) {
            Value out = fresh(allocate(f.st, site, f.context, 0, ObjKind.TUPLE, "tuple"));
            addItems(out, elements(l, f.st, site, f), f.st);
            return out;
        }
        if ((kl == ObjKind.LIST || kl == ObjKind.TUPLE) && kl == kr && op == Operator.ADD) {
            Value out = fresh(allocate(f.st, site, f.context, 0, kl, kl.pythonName()));
            List<Value> a = exactItems(l, f.st);
            List<Value> b = exactItems(r, f.st);
            if (a != null && b != null) {
                List<Value> all = new ArrayList<>(a);
                all.addAll(b);
                setItems(out, all, f.st);
            } else {
                addItems(out, elements(l, f.st, site, f), f.st);
                addItems(out, elements(r, f.st, site, f), f.st);
            }
            return out;
        }
        if (kl == ObjKind.DICT && kr == ObjKind.DICT && op == Operator.BITOR) {
            Value out = shallowCopy(l, ObjKind.DICT, site, f);
            addItems(out, elements(r, f.st, site, f), f.st);
            return out;
        }
        if ((kl == ObjKind.SET || kl == ObjKind.FROZENSET) && (op == Operator.BITOR || op == Operator.BITAND
                || op == Operator.SUB || op == Operator.BITXOR)) {
            Value out = fresh(allocate(f.st, site, f.context, 0, kl, kl.pythonName()));
            addItems(out, elements(l, f.st, site, f), f.st);
            if (op != Operator.SUB && op != Operator.BITAND) {
                addItems(out, elements(r, f.st, site, f), f.st);
            }
            return out;
        }
        if (kl == ObjKind.BYTEARRAY && (op == Operator.ADD || op == Operator.MULT)) {
            return fresh(allocate(f.st, site, f.context, 0, ObjKind.BYTEARRAY, "bytearray"));
        }
        if (isNumberOrStr(kl) && isNumberOrStr(kr)) {
            ObjKind res = kl == ObjKind.STR || kr == ObjKind.STR ? ObjKind.STR
                    : kl == ObjKind.BYTES ? ObjKind.BYTES
                    : kl == ObjKind.COMPLEX || kr == ObjKind.COMPLEX ? ObjKind.COMPLEX
                    : kl == ObjKind.FLOAT || kr == ObjKind.FLOAT || op == Operator.DIV ? ObjKind.FLOAT : ObjKind.INT;
            return fresh(computedObj(res, site, f));
        }
        return unknownCall(List.of(l, r), site, f);
    }

    private static boolean isNumberOrStr(ObjKind k) {
        return k == ObjKind.INT || k == ObjKind.FLOAT || k == ObjKind.BOOL || k == ObjKind.COMPLEX
                || k == ObjKind.STR || k == ObjKind.BYTES;
    }

    // ------------------------------------------------------------------------------------------------ attributes

    /**
     * Attribute lookup: instance attributes, then the class and its bases (class attributes are shared by all
     * instances until shadowed). Null when the analysis cannot tell.
     */
    private Value lookupAttr(Value base, String attr, Node site, Frame f, boolean methodsOnly) {
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
                        out = out.union(Pts.of(builtinObject(m + "." + attr)));
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
                        out = out.union(Pts.of(builtinObject("memoryview." + attr)));
                    } else {
                        unknown = true;
                    }
                }
                default -> {
                    if (ao.kind().isCode() || ao.kind() == ObjKind.FRAME) {
                        unknown = true;
                    } else {
                        out = out.union(Pts.of(builtinObject(ao.kind().pythonName() + "." + attr)));
                    }
                }
            }
        }
        if (unknown) {
            if (methodsOnly) {
                return null;
            }
            out = out.union(Pts.of(unknownAt(f.st, site, f.context, 0)));
            sym = 0;
        }
        return new Value(out, sym);
    }

    /** Attribute lookup on classes through their bases (depth-first, a close-enough MRO); null when unknown. */
    private Pts classLookup(Pts classes, String attr, Frame f, Set<Integer> seen) {
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
            if (s == null || s.contentsUnknown) {
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

    private void classDef(Stmt.ClassDef c, Frame f) {
        List<Value> decorators = new ArrayList<>();
        for (Expr d : c.decorators()) {
            decorators.add(eval(d, f));
        }
        Pts bases = Pts.EMPTY;
        boolean unknownBase = false;
        for (Expr b : c.bases()) {
            Value v = eval(b, f);
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
            eval(k.value(), f);
            unknownBase = true; // metaclass or __init_subclass__ arguments: code we do not model
        }
        if (f.st == null) {
            return;
        }
        int cls = allocate(f.st, c, f.context, 0, ObjKind.CLASS, "class " + c.name().name());
        ObjState w = f.st.write(cls);
        w.fields.put(FieldKey.attr("__bases__"), new Value(bases, 0));
        if (unknownBase) {
            w.contentsUnknown = true;
        }
        Scope cs = scopes.tree().scopeOf(c);
        Frame body = new Frame(cs, cls, f.context, f.funcObj, f.scope.kind() == ScopeKind.MODULE ? null : f,
                f.caller);
        body.st = f.st;
        body.recording = f.recording;
        body.standalone = f.standalone;
        execBlock(c.body(), body);
        f.st = body.st;
        if (f.st == null) {
            return;
        }
        Value v = fresh(cls);
        for (Value d : decorators) {
            v = callValue(d, List.of(v), new LinkedHashMap<>(), c, f);
            if (f.st == null) {
                return;
            }
        }
        store(c.name().name(), v, f);
    }

    private Value makeFunction(Node def, Arguments args, List<Expr> decoratorExprs, Frame f) {
        List<Value> decorators = new ArrayList<>();
        for (Expr d : decoratorExprs) {
            decorators.add(eval(d, f));
        }
        // defaults are evaluated once, now: one object shared by every call that omits the argument
        List<Value> defaults = new ArrayList<>();
        for (Expr d : args.defaults()) {
            defaults.add(eval(d, f));
        }
        List<Value> kwDefaults = new ArrayList<>();
        for (Expr d : args.kwDefaults()) {
            kwDefaults.add(d == null ? null : eval(d, f));
        }
        if (f.st == null) {
            return Value.NOTHING;
        }
        Scope s = scopes.tree().scopeOf(def);
        int fn = allocate(f.st, def, f.context, 0, ObjKind.FUNCTION, "function " + s.qualname());
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
        Value v = fresh(fn);
        for (int i = decorators.size() - 1; i >= 0; i--) {
            Value d = decorators.get(i);
            if (d.pts().allMatch(o -> objs.get(o).kind() == ObjKind.BUILTIN && ("staticmethod".equals(
                    objs.get(o).constant()) || "property".equals(objs.get(o).constant())
                    || "classmethod".equals(objs.get(o).constant())))) {
                // descriptors: calls through them are not modelled, so the function behaves as unknown code
                escape(v, f);
                continue;
            }
            v = callValue(d, List.of(v), new LinkedHashMap<>(), def, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------ calls

    private Value call(Expr.Call c, Frame f) {
        List<Value> args = new ArrayList<>();
        Map<String, Value> kwargs = new LinkedHashMap<>();
        boolean spread = false;
        if (c.func() instanceof Expr.Attribute a) {
            Value recv = eval(a.value(), f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            spread = evalArgs(c, args, kwargs, f);
            if (f.st == null) {
                return Value.NOTHING;
            }
            return methodCall(recv, a.attr().name(), args, kwargs, spread, c, f);
        }
        Value fn = eval(c.func(), f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        spread = evalArgs(c, args, kwargs, f);
        if (f.st == null) {
            return Value.NOTHING;
        }
        if (isIdCall(c) && !args.isEmpty()) {
            idArgs.put(c.args().get(0), args.get(0));
        }
        if (spread) {
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(fn);
            return unknownCall(all, c, f);
        }
        return callValue(fn, args, kwargs, c, f);
    }

    /** Evaluates arguments; true when *args / **kwargs make positions unknown. */
    private boolean evalArgs(Expr.Call c, List<Value> args, Map<String, Value> kwargs, Frame f) {
        boolean spread = false;
        for (Expr a : c.args()) {
            Value v = eval(a, f);
            if (f.st == null) {
                return spread;
            }
            if (a instanceof Expr.Starred) {
                spread = true;
                v = elements(v, f.st, a, f);
            }
            args.add(v);
        }
        for (Keyword k : c.keywords()) {
            Value v = eval(k.value(), f);
            if (f.st == null) {
                return spread;
            }
            if (k.arg() == null) {
                spread = true;
                kwargs.put("**" + kwargs.size(), elements(v, f.st, k, f));
            } else {
                kwargs.put(k.arg().name(), v);
            }
        }
        return spread;
    }

    private Value methodCall(Value recv, String name, List<Value> args, Map<String, Value> kwargs, boolean spread,
                             Expr.Call c, Frame f) {
        ObjKind k = kindOf(recv.pts());
        if (!recv.pts().definitelyBound()) {
            k = ObjKind.UNKNOWN;
        }
        if (k == ObjKind.MODULE) {
            int m = recv.pts().single();
            if (m >= 0 && objs.get(m).constant() instanceof String mod && BuiltinModels.isModelledModule(mod)
                    && !spread) {
                return callValue(new Value(Pts.of(builtinObject(mod + "." + name)), 0), args, kwargs, c, f);
            }
        }
        if (k == ObjKind.INSTANCE || k == ObjKind.CLASS) {
            Value method = lookupAttr(recv, name, c.func(), f, false);
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
            return unknownCall(allArgs(recv, args, kwargs), c, f);
        }
        if (BuiltinModels.MUTATING_METHODS.contains(name)) {
            mutatedMay(recv, c, f);
        }
        List<Value> all = allArgs(recv, args, kwargs);
        return unknownCall(all, c, f);
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
    private Value callValue(Value fn, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
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
                Value r = unknownCall(all, c, f);
                if (f.st != null && (name.equals("exec") || name.equals("eval") || name.equals("globals")
                        || name.equals("vars") || name.equals("locals"))) {
                    havocNames(f);
                    if (f.scope.kind() != ScopeKind.MODULE) {
                        havocGlobals(c, f);
                    }
                }
                return r;
            }
            if (name.equals("getattr") && args.size() >= 2 && c instanceof Expr.Call call
                    && call.args().get(1) instanceof Expr.Constant k && k.kind() == ConstantKind.STR
                    && Constants.strValue(k.raw()) != null) {
                Value v = lookupAttr(args.get(0), Constants.strValue(k.raw()), c, f, false);
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
                            escape(a, f); // comparisons or __copy__ may run code we cannot see
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
        return unknownCall(all, c, f);
    }

    private Value instantiate(Value cls, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
        boolean unknownClass = cls.pts().anyMatch(o -> {
            ObjState s = f.st.read(o);
            return s == null || s.contentsUnknown;
        });
        int inst = allocate(f.st, c, f.context, 0, ObjKind.INSTANCE, "instance");
        ObjState w = f.st.write(inst);
        w.fields.put(FieldKey.attr("__class__"), new Value(cls.pts(), 0));
        Value self = fresh(inst);
        if (unknownClass) {
            w.contentsUnknown = true;
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(self);
            unknownCall(all, c, f);
            return f.st == null ? Value.NOTHING : self;
        }
        Pts init = classLookup(cls.pts(), "__init__", f, new HashSet<>());
        Pts newFn = classLookup(cls.pts(), "__new__", f, new HashSet<>());
        if (init == null || newFn == null || !newFn.isEmpty()) {
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(self);
            unknownCall(all, c, f);
            return f.st == null ? Value.NOTHING : (newFn != null && !newFn.isEmpty()
                    ? new Value(self.pts().union(Pts.of(unknownAt(f.st, c, f.context, 8))), 0) : self);
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
                unknownCall(all, c, f);
            }
        }
        return f.st == null ? Value.NOTHING : self;
    }

    /** Enters functions defined in the file (call-site context), or treats them as unknown past the limits. */
    private Value callFunctions(Value fn, List<Value> args, Map<String, Value> kwargs, Node c, Frame f) {
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
        Scope s = scopes.tree().scopeOf(def);
        Arguments params = def instanceof Stmt.FunctionDef fd ? fd.args() : ((Expr.Lambda) def).args();
        boolean generator = def instanceof Stmt.FunctionDef fdef && generators.computeIfAbsent(def,
                k -> fdef.isAsync() || containsYield(fdef.body()));
        if (s == null || callStack.contains(def) || callStack.size() >= (f.standalone || inStandalone()
                ? MAX_STANDALONE_DEPTH : MAX_CALL_DEPTH) || overSoftBudget()
                || generator || f.st.read(fo) == null) {
            if (s != null && !generator && f.st.read(fo) != null) {
                Value r = callWithSummary(fo, def, s, params, args, kwargs, c, f);
                if (r != null) {
                    return r;
                }
            }
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            all.add(new Value(Pts.of(fo), 0));
            Value r = unknownCall(all, c, f);
            if (f.st != null) {
                havocGlobals(c, f);
            }
            if (generator && f.st != null) {
                int g = allocate(f.st, c, f.context, 9, ObjKind.GENERATOR, "generator");
                f.st.write(g).contentsUnknown = true;
                f.st.write(g).escaped = true;
                return fresh(g);
            }
            return r;
        }
        int frameObj = allocate(f.st, def, c, 0, ObjKind.FRAME, "frame of " + s.qualname());
        Frame callee = new Frame(s, frameObj, c, fo, null, f);
        callee.st = f.st;
        callee.recording = f.recording;
        if (!bindParams(params, args, kwargs, fo, callee)) {
            f.st = callee.st;
            List<Value> all = new ArrayList<>(args);
            all.addAll(kwargs.values());
            return unknownCall(all, c, f);
        }
        callStack.push(def);
        try {
            if (def instanceof Stmt.FunctionDef fd) {
                execBlock(fd.body(), callee);
                if (callee.st != null) {
                    callee.returned = callee.returned == Value.NOTHING ? none()
                            : callee.returned.join(none()).withSym(0);
                    callee.returnState = State.join(callee.returnState, callee.st);
                }
            } else {
                Value v = eval(((Expr.Lambda) def).body(), callee);
                callee.returned = v;
                callee.returnState = callee.st;
            }
        } finally {
            callStack.pop();
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
            setSlot(callee.st, callee.frameObj, FieldKey.name(a.name()), v, true);
        }
        if (args.size() > positional.size()) {
            if (params.vararg() == null) {
                return false;
            }
            Value t = fresh(allocate(callee.st, params.vararg(), callee.context, 0, ObjKind.TUPLE, "*args"));
            setItems(t, args.subList(positional.size(), args.size()), callee.st);
            setSlot(callee.st, callee.frameObj, FieldKey.name(params.vararg().name()), t, true);
        } else if (params.vararg() != null) {
            Value t = new Value(Pts.of(objs.keyed("()", null, ObjKind.TUPLE, Origin.SINGLETON, "()", "()")), 0);
            setSlot(callee.st, callee.frameObj, FieldKey.name(params.vararg().name()), t, true);
        }
        for (Arg a : params.kwonlyargs()) {
            Value v = kw.remove(a.name());
            if (v == null) {
                v = fs == null ? null : fs.fields.get(FieldKey.attr("__default__" + a.name()));
                if (v == null) {
                    return false;
                }
            }
            setSlot(callee.st, callee.frameObj, FieldKey.name(a.name()), v, true);
        }
        if (params.kwarg() != null) {
            Value d = fresh(allocate(callee.st, params.kwarg(), callee.context, 0, ObjKind.DICT, "**kwargs"));
            for (Map.Entry<String, Value> e : kw.entrySet()) {
                callee.st.write(d.pts().single()).fields.put(FieldKey.item(e.getKey()), e.getValue());
            }
            setSlot(callee.st, callee.frameObj, FieldKey.name(params.kwarg().name()), d, true);
        } else if (!kw.isEmpty()) {
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ builtins

    private dev.memlens.analysis.builtins.HeapOps ops(Node site, Frame f) {
        escapeFrame = f;
        return new BuiltinHeapOps(this, site, f);
    }

    /** The interpreter's side of {@link dev.memlens.analysis.builtins.HeapOps}, bound to one call. */
    private static final class BuiltinHeapOps implements dev.memlens.analysis.builtins.HeapOps {
        private final Interpreter in;
        private final Node site;
        private final Frame f;

        BuiltinHeapOps(Interpreter in, Node site, Frame f) {
            this.in = in;
            this.site = site;
            this.f = f;
        }

        @Override
        public Value alloc(ObjKind kind, int flavor) {
            return in.fresh(in.allocate(f.st, site, f.context, 10 + flavor, kind, kind.pythonName()));
        }

        @Override
        public Value unknown() {
            return in.fresh(in.unknownAt(f.st, site, f.context, 0));
        }

        @Override
        public Value none() {
            return in.none();
        }

        @Override
        public Value computed(ObjKind kind) {
            if (kind == ObjKind.BOOL) {
                return in.bools();
            }
            return in.fresh(in.computedObj(kind, site, f));
        }

        @Override
        public ObjKind kindOf(Pts pts) {
            return in.kindOf(pts);
        }

        @Override
        public Value elements(Value containers) {
            return in.elements(containers, f.st, site, f);
        }

        @Override
        public Value item(Value container, Object key) {
            return in.item(container, key, site, f);
        }

        @Override
        public void setItems(Value container, List<Value> items) {
            in.setItems(container, items, f.st);
        }

        @Override
        public void addItems(Value container, Value elements) {
            if (elements != null) {
                in.addItems(container, elements, f.st);
            }
        }

        @Override
        public void setItem(Value container, Object key, Value v) {
            in.storeItem(container, key, false, v, site, f);
        }

        @Override
        public void forgetPositions(Value container) {
            in.forEachObj(container, o -> f.st.write(o).collapseItems());
        }

        @Override
        public void clear(Value container) {
            boolean strong = container.pts().single() >= 0 && in.objs.get(container.pts().single()).singular();
            if (strong) {
                ObjState w = f.st.write(container.pts().single());
                w.fields.entrySet().removeIf(e -> e.getKey().isItem());
                if (in.objs.get(container.pts().single()).kind() == ObjKind.LIST) {
                    w.length = 0;
                }
            }
        }

        @Override
        public void mutates(Value receiver) {
            in.mutated(receiver, site, f, true);
            if (receiver.pts().anyMatch(o -> in.objs.get(o).kind() == ObjKind.BYTEARRAY)) {
                // resizing a bytearray with a live view raises BufferError; the analysis keeps the object
                return;
            }
        }

        @Override
        public void escape(Value v) {
            in.escape(v, f);
        }

        @Override
        public Value shallowCopy(Value source, ObjKind kind) {
            return in.shallowCopy(source, kind, site, f);
        }

        @Override
        public Value deepCopy(Value source) {
            Value r = in.deepCopy(source, site, f, 0);
            if (!in.copies.containsKey(site)) {
                in.copies.put(site, new CopyFact(site, CopyFact.Depth.DEEP, 0));
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
            in.forEachObj(target, o -> in.setSlot(f.st, o, FieldKey.attr(attr), v, true));
        }

        @Override
        public Value attr(Value target, String attr) {
            Value out = Value.NOTHING;
            for (int i = 0; i < target.pts().size(); i++) {
                out = out.join(in.readSlot(f.st, target.pts().get(i), FieldKey.attr(attr)));
            }
            return out;
        }
    }
}
