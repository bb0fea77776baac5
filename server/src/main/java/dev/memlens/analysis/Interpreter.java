package dev.memlens.analysis;

import dev.memlens.analysis.ScopeNames.Where;
import dev.memlens.analysis.builtins.BuiltinModels;
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
 * Control flow is followed structurally (statements nest the way the CFG would branch and merge): branches are
 * joined, loops iterate to a fixed point, exceptions reach handlers with the join of the states around each
 * statement of the try body. A step budget bounds the work; past it, calls are no longer entered and a body that
 * still does not finish claims nothing.
 */
public final class Interpreter extends AnalysisRun {
    private final StatementTransfer transfer = new Transfer();

    private Interpreter(Module module, SemanticModel model, AnalysisLimits limits) {
        super(module, model, limits);
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

    private void execBlock(List<Stmt> body, Frame f) {
        for (Stmt s : body) {
            if (f.st == null) {
                return; // unreachable code: no facts
            }
            exec(s, f);
        }
    }

    private boolean isSimple(Stmt s) {
        return !(s instanceof Stmt.If || s instanceof Stmt.For || s instanceof Stmt.While || s instanceof Stmt.Try
                || s instanceof Stmt.With || s instanceof Stmt.Match || s instanceof Stmt.FunctionDef
                || s instanceof Stmt.ClassDef);
    }

    private void exec(Stmt s, Frame f) {
        current = s;
        step();
        State pre = f.handlers.isEmpty() ? null : f.st;
        if (pre != null) {
            State[] h = f.handlers.peek();
            h[0] = State.join(h[0], pre.copy());
        }
        String unbind = f.unbindAfter;
        f.unbindAfter = null;
        execInner(s, f);
        if (unbind != null && f.st != null) {
            store(unbind, Value.UNBOUND, f);
        }
        if (f.st != null && !f.handlers.isEmpty()) {
            State[] h = f.handlers.peek();
            h[0] = h[0].join(f.st);
        }
        if (f.recording && f.st != null && (isSimple(s) || s instanceof Stmt.FunctionDef
                || s instanceof Stmt.ClassDef)) {
            record(s, f);
        }
    }

    private void execInner(Stmt s, Frame f) {
        if (s instanceof Stmt.Expression e) {
            eval(e.value(), f);
        } else if (s instanceof Stmt.Assign a) {
            Value v = eval(a.value(), f);
            for (Expr t : a.targets()) {
                if (f.st == null) {
                    return;
                }
                assign(t, v, f);
            }
        } else if (s instanceof Stmt.AugAssign a) {
            augAssign(a, f);
        } else if (s instanceof Stmt.AnnAssign a) {
            if (a.value() != null) {
                Value v = eval(a.value(), f);
                if (f.st != null) {
                    assign(a.target(), v, f);
                }
            }
        } else if (s instanceof Stmt.If i) {
            evalCondition(i.test(), f);
            if (f.st == null) {
                return;
            }
            Boolean known = constantTruth(i.test());
            State before = f.st;
            State a = null;
            State b = null;
            if (known == null || known) {
                f.st = before.copy();
                execBlock(i.body(), f);
                a = f.st;
            }
            if (known == null || !known) {
                f.st = known == null ? before.copy() : before;
                execBlock(i.orelse(), f);
                b = f.st;
            }
            f.st = State.join(a, b);
        } else if (s instanceof Stmt.While w) {
            loop(f, null, null, w.body(), w.orelse(), w.test(), Boolean.TRUE.equals(constantTruth(w.test())));
        } else if (s instanceof Stmt.For fo) {
            Value it = eval(fo.iter(), f);
            if (f.st == null) {
                return;
            }
            loop(f, fo, it, fo.body(), fo.orelse(), null, false);
        } else if (s instanceof Stmt.FunctionDef d) {
            Value fn = makeFunction(d, d.args(), d.decorators(), f);
            if (f.st != null) {
                store(d.name().name(), fn, f);
            }
        } else if (s instanceof Stmt.ClassDef c) {
            classDef(c, f);
        } else if (s instanceof Stmt.Return r) {
            Value v = r.value() == null ? none() : eval(r.value(), f);
            if (f.st != null) {
                f.returned = f.returned.join(v).withSym(f.returned == Value.NOTHING ? v.sym()
                        : (f.returned.sym() == v.sym() ? v.sym() : 0));
                f.returnState = State.join(f.returnState, f.st);
                f.st = null;
            }
        } else if (s instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) {
                if (f.st != null) {
                    delete(t, f);
                }
            }
        } else if (s instanceof Stmt.Pass || s instanceof Stmt.Global || s instanceof Stmt.Nonlocal
                || s instanceof Stmt.Invalid) {
            return;
        } else if (s instanceof Stmt.Break) {
            if (!f.loops.isEmpty()) {
                State[] l = f.loops.peek();
                l[0] = State.join(l[0], f.st);
            }
            f.st = null;
        } else if (s instanceof Stmt.Continue) {
            if (!f.loops.isEmpty()) {
                State[] l = f.loops.peek();
                l[1] = State.join(l[1], f.st);
            }
            f.st = null;
        } else if (s instanceof Stmt.Raise r) {
            if (r.exc() != null) {
                escape(eval(r.exc(), f), f);
            }
            if (f.st != null && r.cause() != null) {
                eval(r.cause(), f);
            }
            raise(f);
        } else if (s instanceof Stmt.Assert a) {
            evalCondition(a.test(), f);
            if (f.st != null && a.msg() != null) {
                State ok = f.st.copy();
                eval(a.msg(), f);
                f.st = ok;
            }
        } else if (s instanceof Stmt.Import i) {
            for (var al : i.names()) {
                String top = al.name().split("\\.")[0];
                String modName = al.asname() != null ? al.name() : top;
                int m = moduleObject(modName, al);
                store(al.asname() != null ? al.asname().name() : top, new Value(Pts.of(m), 0), f);
            }
        } else if (s instanceof Stmt.ImportFrom i) {
            String mod = i.module() == null ? "" : i.module().name();
            for (var al : i.names()) {
                if (al.name().equals("*")) {
                    havocNames(f);
                    continue;
                }
                Value v;
                if (i.level() == 0 && BuiltinModels.isModelledModule(mod)) {
                    v = new Value(Pts.of(builtinObject(mod + "." + al.name())), 0);
                } else {
                    v = fresh(unknownAt(f.st, al, f.context, 0));
                }
                store(al.asname() != null ? al.asname().name() : al.name(), v, f);
            }
        } else if (s instanceof Stmt.Try t) {
            tryStmt(t, f);
        } else if (s instanceof Stmt.With w) {
            withStmt(w, f);
        } else if (s instanceof Stmt.Match m) {
            matchStmt(m, f);
        } else if (s instanceof Stmt.TypeAlias t) {
            store(t.name().id(), fresh(unknownAt(f.st, t, f.context, 0)), f);
        }
    }

    private Boolean constantTruth(Expr test) {
        if (test instanceof Expr.Constant c) {
            return switch (c.kind()) {
                case TRUE -> true;
                case FALSE, NONE -> false;
                case INT -> {
                    BigInteger v = Constants.intValue(c.raw());
                    yield v == null ? null : v.signum() != 0;
                }
                default -> null;
            };
        }
        return null;
    }

    private void evalCondition(Expr test, Frame f) {
        eval(test, f);
    }

    private void raise(Frame f) {
        if (f.st != null && !f.handlers.isEmpty()) {
            State[] h = f.handlers.peek();
            h[0] = State.join(h[0], f.st);
        }
        f.st = null;
    }

    /**
     * Loops: iterate the body from the loop-head state until it stops changing (joins of entry, continue and
     * back edges), then run the body once more recording facts from the fixed point.
     */
    private void loop(Frame f, Stmt.For fo, Value iter, List<Stmt> body, List<Stmt> orelse, Expr test,
                      boolean infinite) {
        boolean rec = f.recording;
        f.recording = false;
        State head = f.st;
        State exitNormal = null;
        State breaks = null;
        int iterations = 0;
        activeLoops.push(current);
        try {
            while (true) {
                iterations++;
                step();
                f.st = head.copy();
                State[] l = new State[2];
                f.loops.push(l);
                State cond = iterate(f, fo, iter, test);
                f.loops.pop();
                // cond: state after the test/next() that leaves the loop; f.st: state at the end of the body
                State back = State.join(f.st, l[1]);
                exitNormal = cond;
                breaks = l[0];
                State next = head.join(back);
                if (next.equals(head)) {
                    break;
                }
                head = next;
                if (iterations >= MAX_LOOP_ITERATIONS) {
                    throw new Budget.BodyExhausted(PartialAnalysis.Cause.STEPS);
                }
            }
        } finally {
            f.recording = rec;
        }
        if (rec) {
            // the recording pass, from the fixed-point head
            f.st = head.copy();
            State[] l = new State[2];
            f.loops.push(l);
            State cond = iterate(f, fo, iter, test);
            f.loops.pop();
            exitNormal = cond;
            breaks = l[0];
        }
        activeLoops.pop();
        State exit = infinite ? null : exitNormal;
        if (exit != null && !orelse.isEmpty()) {
            f.st = exit;
            execBlock(orelse, f);
            exit = f.st;
        }
        f.st = State.join(exit, breaks);
    }

    /** One iteration from f.st: returns the state leaving the loop at the head; leaves the body's end in f.st. */
    private State iterate(Frame f, Stmt.For fo, Value iter, Expr test) {
        State leave;
        if (fo != null) {
            leave = f.st.copy();
            Value elem = iterElements(iter, fo.iter(), f);
            if (f.st == null) {
                return leave;
            }
            assign(fo.target(), elem, f);
            if (f.st != null) {
                execBlock(fo.body(), f);
            }
        } else {
            eval(test, f);
            if (f.st == null) {
                return null;
            }
            leave = f.st.copy();
            execBlock(((Stmt.While) findWhile(test)).body(), f);
        }
        return leave;
    }

    private final IdentityHashMap<Expr, Stmt> whileOfTest = new IdentityHashMap<>();

    private Stmt findWhile(Expr test) {
        Stmt w = whileOfTest.get(test);
        if (w == null) {
            AstWalker.statements(module.body(), s -> {
                if (s instanceof Stmt.While ws) {
                    whileOfTest.put(ws.test(), ws);
                }
            });
            w = whileOfTest.get(test);
        }
        return w;
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

    private void tryStmt(Stmt.Try t, Frame f) {
        if (t.finalbody().isEmpty()) {
            tryExcept(t, f);
            return;
        }
        // return, break and continue inside the try leave through the finally body: collect them apart
        State savedReturns = f.returnState;
        f.returnState = null;
        State[] loop = f.loops.peek();
        State savedBreaks = loop == null ? null : loop[0];
        State savedContinues = loop == null ? null : loop[1];
        if (loop != null) {
            loop[0] = null;
            loop[1] = null;
        }
        tryExcept(t, f);
        State returns = f.returnState;
        State breaks = loop == null ? null : loop[0];
        State continues = loop == null ? null : loop[1];
        f.returnState = savedReturns;
        if (loop != null) {
            loop[0] = savedBreaks;
            loop[1] = savedContinues;
        }
        State out = f.st;
        State returned = throughFinally(t, returns, f);
        f.returnState = State.join(f.returnState, returned);
        if (loop != null) {
            loop[0] = State.join(loop[0], throughFinally(t, breaks, f));
            loop[1] = State.join(loop[1], throughFinally(t, continues, f));
        }
        f.st = out;
    }

    /** The state after the finally body, run from {@code from} (a jump out of the try); null when it does not end. */
    private State throughFinally(Stmt.Try t, State from, Frame f) {
        if (from == null) {
            return null;
        }
        f.st = from.copy();
        execBlock(t.finalbody(), f);
        return f.st;
    }

    private void tryExcept(Stmt.Try t, Frame f) {
        State[] h = new State[1];
        f.handlers.push(h);
        State before = f.st;
        h[0] = before.copy();
        execBlock(t.body(), f);
        f.handlers.pop();
        State bodyEnd = f.st;
        State out = null;
        if (bodyEnd != null) {
            f.st = bodyEnd;
            execBlock(t.orelse(), f);
            out = f.st;
        }
        State entry = h[0];
        boolean catchAll = false;
        for (ExceptHandler eh : t.handlers()) {
            if (entry == null) {
                break;
            }
            f.st = entry.copy();
            if (eh.type() == null) {
                catchAll = true;
            } else {
                eval(eh.type(), f);
                if (f.st == null) {
                    continue;
                }
            }
            if (eh.name() != null) {
                store(eh.name().name(), fresh(unknownAt(f.st, eh, f.context, 0)), f);
            }
            List<Stmt> hb = eh.body();
            execBlock(hb.subList(0, hb.size() - 1), f);
            if (f.st != null) {
                // CPython unbinds the name as part of the handler's last line
                f.unbindAfter = eh.name() == null ? null : eh.name().name();
                exec(hb.get(hb.size() - 1), f);
                f.unbindAfter = null;
            }
            if (f.st != null && eh.name() != null) {
                // `except E as e` unbinds e at the end of the handler
                store(eh.name().name(), Value.UNBOUND, f);
            }
            out = State.join(out, f.st);
        }
        if (!t.finalbody().isEmpty()) {
            // finally runs on every exit; exceptional exits are followed only when an outer handler catches
            if (out != null) {
                f.st = out;
                execBlock(t.finalbody(), f);
                out = f.st;
            }
            if (entry != null && !catchAll && (!f.handlers.isEmpty())) {
                Frame g = f;
                State saveSt = g.st;
                g.st = entry.copy();
                execBlock(t.finalbody(), g);
                if (g.st != null) {
                    raise(g);
                }
                g.st = saveSt;
            }
        } else if (entry != null && !catchAll && !f.handlers.isEmpty()) {
            State[] outer = f.handlers.peek();
            outer[0] = State.join(outer[0], entry);
        }
        f.st = out;
    }

    private void withStmt(Stmt.With w, Frame f) {
        boolean suppressing = false;
        for (WithItem it : w.items()) {
            Value cm = eval(it.contextExpr(), f);
            if (f.st == null) {
                return;
            }
            Value entered = enterValue(cm, it.contextExpr(), f);
            if (f.st == null) {
                return;
            }
            if (it.optionalVars() != null) {
                assign(it.optionalVars(), entered, f);
            }
            if (it.contextExpr() instanceof Expr.Call c && calleeName(c.func()).endsWith("suppress")) {
                suppressing = true;
            }
        }
        if (suppressing) {
            State[] h = new State[1];
            h[0] = f.st.copy();
            f.handlers.push(h);
            execBlock(w.body(), f);
            f.handlers.pop();
            f.st = State.join(f.st, h[0]);
        } else {
            execBlock(w.body(), f);
        }
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

    private static String calleeName(Expr func) {
        if (func instanceof Expr.Name n) {
            return n.id();
        }
        if (func instanceof Expr.Attribute a) {
            return a.attr().name();
        }
        return "";
    }

    private void matchStmt(Stmt.Match m, Frame f) {
        Value subject = eval(m.subject(), f);
        if (f.st == null) {
            return;
        }
        State rest = f.st;
        State out = null;
        for (MatchCase c : m.cases()) {
            f.st = rest.copy();
            bindPattern(c.pattern(), subject, f);
            if (f.st != null && c.guard() != null) {
                eval(c.guard(), f);
            }
            // a failed match may have bound some captures already: the next case starts from the join
            if (f.st != null) {
                rest = rest.join(f.st);
                execBlock(c.body(), f);
                out = State.join(out, f.st);
            }
        }
        f.st = State.join(out, rest);
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
