package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.semantics.SymbolKind;
import dev.memlens.syntax.AstWalker;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The shared state of one analysis run: what is analyzed, the facts found so far, the budgets, and the parts of the
 * interpreter (each one seam of it, reaching the others only through this object).
 *
 * <p>Final, set once: the module and its semantic model, the object table, the fact tables (filled as the run goes,
 * never replaced), the budgets and the parts. Mutable, and only these (each says who changes it): {@link #steps},
 * {@link #recorder}, {@link #standaloneRun}, {@link #effectBase}, {@link #stableBindings}, the effect-run budget
 * ({@link #effectSteps}, {@link #effectDeadline}, {@link #effectDepth}) and {@link #escapeFrame}, plus the
 * {@link #callStack}. A nested run (an effect run) changes them only inside {@link EffectSummaries}'s scoped
 * helper, which puts them back however the run ends.
 *
 * <p>{@link Interpreter} extends this class while the statement transfer (its driver and statements) still lives
 * there: the parts see that transfer only through {@link StatementTransfer}.
 */
abstract class AnalysisRun {
    /** Calls are entered this deep (call-site context); deeper calls use summaries or count as unknown code. */
    static final int MAX_CALL_DEPTH = Integer.getInteger("memlens.depth", 5);
    /** A loop (or comprehension) that has not reached its fixed point after this many iterations is cut. */
    static final int MAX_LOOP_ITERATIONS = 12;
    /** Standalone runs of a function (unknown callers) enter callees this deep only: their facts are weak anyway. */
    static final int MAX_STANDALONE_DEPTH = 2;

    // what is analyzed
    final Module module;
    final SemanticModel model;
    final ScopeNames scopes;
    /** A star import or exec/eval/locals/vars at module level: any global may be bound by them. */
    final boolean dynamicModuleNames;
    /** Globals some function declares {@code global} (a call of it may rebind them). */
    final Set<String> globalsWrittenByFunctions = new HashSet<>();

    // the abstract heap
    final ObjectTable objs;
    final int moduleObj;
    final HeapView heap;

    // the facts, filled as the run goes (the result of the analysis)
    final IdentityHashMap<Stmt, StatementFacts> facts;
    final IdentityHashMap<Node, Pts> pointsTo;
    final List<MutationFact> mutations = new ArrayList<>();
    final IdentityHashMap<Node, CopyFact> copies = new IdentityHashMap<>();
    final IdentityHashMap<Node, IdentityVerdict> identities = new IdentityHashMap<>();
    /** Summaries from the standalone runs, reported with the facts. */
    final Map<Scope, FunctionSummary> summaries = new LinkedHashMap<>();

    // caches of facts about the code (never invalidated: the code does not change during a run)
    /** Whether a def is a generator or coroutine (its call runs no code), computed when first called. */
    final IdentityHashMap<Node, Boolean> generators = new IdentityHashMap<>();

    // budgets
    /** Past this many steps of a body run, calls are no longer entered. */
    final long softBudget;
    final Budget budget;
    final Partials partials;

    // the parts
    final Expressions expressions;
    final Bindings bindings;
    final Calls calls;
    final EffectSummaries effectSummaries;
    final Classes classes;
    final IdentityModel identity;
    final Containers containers;
    final Dataclasses dataclasses;
    final Escapes escapes;
    final OutsideObjects outside;
    final FactRecorder factRecorder;

    // mutable state of the run
    /** The defs entered, innermost first (pushed and popped around each body run and entered call). */
    final Deque<Node> callStack = new ArrayDeque<>();
    /** Steps taken (statements, loop iterations); an effect run gives back what it took (see EffectSummaries). */
    long steps;
    /** The run whose effects are being watched, or null: set by standalone and effect runs, for their duration. */
    SummaryRecorder recorder;
    /** Whether the body run in progress is a standalone or effect run (unknown callers): set by the driver. */
    boolean standaloneRun;
    /**
     * The state effect runs start from (copied for each): what unknown callers would see. Set by the driver after the
     * module run, rebuilt by {@link EffectSummaries} once stable globals bound since can be seen; it claims nothing
     * that a later state could contradict: every global but the ones bound once by def, class or import may be
     * anything, and every object's contents may be anything.
     */
    State effectBase;
    /** Bindings of stable globals (defs, classes, imports bound once) so far in the module run (counted by stores). */
    int stableBindings;
    /** Steps left for the runs that work out effects, over the whole analysis (they are not charged to callers). */
    long effectSteps;
    /** The step count past which the current effect run gives up (MAX_VALUE outside effect runs). */
    long effectDeadline = Long.MAX_VALUE;
    /** Effect runs nested in progress. */
    int effectDepth;
    /** The frame whose state builtin models currently change (for escapes through containers). */
    Frame escapeFrame;

    /** About how many statements and name occurrences the file has: the size node-keyed maps start with. */
    final int expectedStatements;
    final int expectedNames;

    AnalysisRun(Module module, SemanticModel model, AnalysisLimits limits) {
        this.module = module;
        this.model = model;
        this.expectedStatements = countStatements(module.body());
        this.expectedNames = model.scopes().resolutions().size();
        int expected = Math.max(16, expectedNames);
        this.objs = new ObjectTable(expected);
        this.facts = new IdentityHashMap<>(Math.max(16, expectedStatements));
        this.pointsTo = new IdentityHashMap<>(expected);
        this.scopes = new ScopeNames(model.scopes());
        this.dynamicModuleNames = hasDynamicNames(model.scopes().module(), model.scopes().hasStarImport());
        this.moduleObj = objs.keyed(new ObjectKey.Module("__main__"), module, ObjKind.MODULE, Origin.ALLOCATED,
                "__main__", "module");
        this.heap = new HeapView(objs, moduleObj, scopes);
        int stmts = expectedStatements;
        this.softBudget = 20_000L + 40L * stmts;
        this.effectSteps = softBudget;
        this.budget = new Budget(new AnalysisLimits(Math.min(limits.functionSteps(), 4 * softBudget),
                limits.fileSteps(), limits.functionMillis(), limits.fileMillis(), limits.maxObjects(),
                limits.cancelled()), objs, softBudget);
        this.partials = new Partials(model.source());
        collectFunctionFacts(scopes.tree().module());
        this.expressions = new Expressions(this);
        this.bindings = new Bindings(this);
        this.calls = new Calls(this);
        this.effectSummaries = new EffectSummaries(this);
        this.classes = new Classes(this);
        this.identity = new IdentityModel(this);
        this.containers = new Containers(this);
        this.dataclasses = new Dataclasses(this);
        this.escapes = new Escapes(this);
        this.outside = new OutsideObjects(this);
        this.factRecorder = new FactRecorder(this);
    }

    /** The statement transfer (the driver and the statements): what the parts call back into. */
    abstract StatementTransfer statements();

    /** Module names bound exactly once, by def, class or import at module level, and never declared global. */
    private Set<String> stableGlobals;

    Set<String> stableGlobals() {
        if (stableGlobals == null) {
            stableGlobals = StableGlobals.of(module, globalsWrittenByFunctions);
        }
        return stableGlobals;
    }

    List<Scope> allFunctionScopes(Scope s, List<Scope> out) {
        for (Scope c : childScopes(s)) {
            if (isFunction(c)) {
                out.add(c);
            }
            allFunctionScopes(c, out);
        }
        return out;
    }

    static List<Scope> childScopes(Scope s) {
        return s.children();
    }

    static boolean isFunction(Scope s) {
        return s.kind() == ScopeKind.FUNCTION || s.kind() == ScopeKind.LAMBDA;
    }

    /** A star import, or exec/eval/locals/vars used at module level: any global may be bound by them. */
    static boolean hasDynamicNames(Scope module, boolean starImport) {
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

    void collectFunctionFacts(Scope s) {
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

    static int countStatements(List<Stmt> body) {
        int[] n = {0};
        AstWalker.statements(body, s -> n[0]++);
        return n[0];
    }

    /** A yield or await in the body itself (not in nested functions, classes or lambdas). */
    static boolean containsYield(List<Stmt> body) {
        ArrayDeque<Node> todo = new ArrayDeque<>(body);
        List<Node> kids = new ArrayList<>();
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (n instanceof Expr.Yield || n instanceof Expr.YieldFrom || n instanceof Expr.Await) {
                return true;
            }
            if (n instanceof Stmt.FunctionDef || n instanceof Stmt.ClassDef || n instanceof Expr.Lambda) {
                continue;
            }
            kids.clear();
            AstWalker.children(n, kids);
            todo.addAll(kids);
        }
        return false;
    }

    void step() {
        steps++;
        if (steps > effectDeadline) {
            throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
        }
        budget.step();
    }

    boolean inStandalone() {
        return standaloneRun;
    }

    boolean overSoftBudget() {
        return budget.overSoft();
    }

    Value fresh(int obj) {
        return new Value(Pts.of(obj), objs.freshSym());
    }

    /** Allocates the recent object of a site, demoting the previous recent one (if live) to the summary. */
    int allocate(State st, Node site, Node ctx, int flavor, ObjKind kind, String label) {
        return allocate(st, site, ctx, flavor, kind, label, null);
    }

    /** {@link #allocate(State, Node, Node, int, ObjKind, String)} of an object whose class is modelled as a kind. */
    int allocate(State st, Node site, Node ctx, int flavor, ObjKind kind, String label, String pyType) {
        return allocate(st, site, ctx, flavor, kind, () -> label, pyType);
    }

    /** {@link #allocate(State, Node, Node, int, ObjKind, String)} whose label is made only for a new site. */
    int allocate(State st, Node site, Node ctx, int flavor, ObjKind kind,
                 java.util.function.Supplier<String> labelOfNew, String pyType) {
        int id = objs.site(site, ctx, flavor, kind, labelOfNew, pyType);
        if (st.has(id)) {
            st.rename(id, objs.summaryOf(id));
        }
        st.write(id);
        return id;
    }

    /** The modelled stdlib class ({@code deque}, {@code Counter}...) shared by every object, or null. */
    String pyTypeOf(Value v) {
        String out = null;
        for (int i = 0; i < v.pts().size(); i++) {
            int o = v.pts().get(i);
            if (o == Pts.UNBOUND_ID) {
                continue;
            }
            String t = objs.get(o).pyType();
            if (t == null || out != null && !out.equals(t)) {
                return null;
            }
            out = t;
        }
        return out;
    }

    int unknownAt(State st, Node site, Node ctx, int flavor) {
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

    Value none() {
        return new Value(Pts.of(objs.keyed(new ObjectKey.Singleton("None"), null, ObjKind.NONE, Origin.SINGLETON,
                "None", "None")), 0);
    }

    int boolObj(boolean b) {
        String name = b ? "True" : "False";
        return objs.keyed(new ObjectKey.Singleton(name), null, ObjKind.BOOL, Origin.SINGLETON, name, name);
    }

    /** The empty tuple (one object in CPython). */
    Value emptyTuple() {
        return new Value(Pts.of(objs.keyed(new ObjectKey.Singleton("()"), null, ObjKind.TUPLE, Origin.SINGLETON, "()",
                "()")), 0);
    }

    Value bools() {
        return new Value(Pts.of(boolObj(true)).union(Pts.of(boolObj(false))), 0);
    }

    ObjKind kindOf(Pts p) {
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

    Value readSlot(State st, int obj, FieldKey key) {
        return heap.readSlot(st, obj, key);
    }

    /** Writes a slot; strong (replacing) only when the holder is one concrete object. */
    void setSlot(State st, int obj, FieldKey key, Value v, boolean strong) {
        ObjState w = st.write(obj);
        if (strong && objs.get(obj).singular()) {
            w.fields.put(key, v);
        } else {
            Value old = w.fields.get(key);
            w.fields.put(key, old == null ? new Value(v.pts().union(Pts.UNBOUND), 0) : old.join(v).withSym(0));
        }
    }

    int builtinObject(String qualified) {
        return objs.keyed(new ObjectKey.Builtin(qualified), null, ObjKind.BUILTIN, Origin.BUILTIN, qualified,
                qualified);
    }

    int moduleObject(String name, Node site) {
        return objs.keyed(new ObjectKey.Module(name), null, ObjKind.MODULE, Origin.BUILTIN, name, "module " + name);
    }

    void forEachObj(Value v, IntConsumer c) {
        for (int i = 0; i < v.pts().size(); i++) {
            int o = v.pts().get(i);
            if (o != Pts.UNBOUND_ID) {
                c.accept(o);
            }
        }
    }

    /** A new immutable value whose identity depends on CPython's caches. */
    int computedObj(ObjKind kind, Node site, Frame f) {
        return objs.keyed(new ObjectKey.Computed(kind), null, kind, Origin.UNKNOWN, null,
                "a computed " + kind.pythonName());
    }
}
