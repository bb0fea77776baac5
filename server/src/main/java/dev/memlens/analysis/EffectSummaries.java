package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Function summaries for calls not entered (recursion, call depth, budget): the effect of a run of the body on
 * stand-ins for the arguments, cached per def and kind of arguments, applied to the real arguments.
 */
final class EffectSummaries {
    private final AnalysisRun ctx;
    private final ObjectTable objs;

    private static final int MAX_EFFECTS_PER_FUNCTION = 8;

    /** What a call does, by def and by the kinds of its arguments (see {@link #callWithSummary}). */
    private final IdentityHashMap<Node, Map<List<StandIn>, SummaryRecorder.Effect>> effects = new IdentityHashMap<>();

    /** Effects being worked out, with the assumption their own (recursive) calls use meanwhile. */
    private final Map<EffectKey, SummaryRecorder.Effect> assumptions = new HashMap<>();

    /** The stable bindings the effect base was built after, and how often it was built again (at most 16). */
    private int effectBaseBindings;
    private int effectBaseRebuilds;

    EffectSummaries(AnalysisRun ctx) {
        this.ctx = ctx;
        this.objs = ctx.objs;
    }

    /**
     * A call of a file function the interpreter does not enter (recursion, call depth, budget): its effect from a
     * run of the body on stand-ins for the arguments, applied to the real ones. Null when there is none to rely on
     * (an opaque function, a call shape not followed): the caller then treats the call as unknown code.
     */
    Value callWithSummary(int fo, Node def, Scope s, Arguments params, List<Value> args,
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
                if (ctx.outside.reachedByAny(List.of(a), f.st)) {
                    ctx.outside.forget(f.st);
                }
                ctx.escapes.escape(a, f);
            } else if (sum.mutated().contains(names.get(i))) {
                ctx.factRecorder.mutatedMay(a, c, f);
                if (ctx.outside.reachedByAny(List.of(a), f.st)) {
                    ctx.outside.forget(f.st);
                }
                ctx.forEachObj(a, o -> {
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
            int o = ctx.allocate(f.st, c, f.context, 20 + kind.ordinal(), kind, "result of " + sum.qualname());
            ObjState w = f.st.write(o);
            w.contentsUnknown = true; // what it holds was not followed
            if (kind == ObjKind.INSTANCE) {
                w.fields.put(FieldKey.attr("__class__"), new Value(effect.freshClasses().get(k), 0));
            }
            parts.add(ctx.fresh(o));
        }
        if (!sum.freshResult()) {
            parts.add(ctx.fresh(ctx.unknownAt(f.st, c, f.context, 0)));
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
    private StandIn standIn(Value v, State st) {
        Pts p = v.pts().withoutUnbound();
        if (p.isEmpty()) {
            return new StandIn.Nothing();
        }
        if (p.allMatch(o -> passedAsIs(objs.get(o)))) {
            return new StandIn.AsIs(p);
        }
        ObjKind k = ctx.kindOf(p);
        if (k == ObjKind.INSTANCE) {
            Pts cls = Pts.EMPTY;
            for (int i = 0; i < p.size(); i++) {
                ObjState s = st.read(p.get(i));
                Value c = s == null ? null : s.fields.get(FieldKey.attr("__class__"));
                cls = c == null ? cls.union(Pts.UNBOUND) : cls.union(c.pts());
            }
            return cls.definitelyBound() ? new StandIn.Instance(cls) : new StandIn.Unknown();
        }
        return k == ObjKind.LIST || k == ObjKind.DICT || k == ObjKind.SET || k == ObjKind.BYTEARRAY
                ? new StandIn.Container(k) : new StandIn.Unknown();
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
        List<StandIn> k = new ArrayList<>();
        for (Value v : bound) {
            k.add(standIn(v, f.st));
        }
        Map<List<StandIn>, SummaryRecorder.Effect> known = effects.computeIfAbsent(def, x -> new HashMap<>());
        SummaryRecorder.Effect e = known.get(k);
        if (e != null) {
            return e;
        }
        EffectKey pending = new EffectKey(new IdentityKey(def), k);
        SummaryRecorder.Effect assumed = assumptions.get(pending);
        if (assumed != null) {
            if (ctx.recorder != null) {
                ctx.recorder.assumed.add(pending);
            }
            return assumed;
        }
        if (ctx.overSoftBudget() || known.size() >= MAX_EFFECTS_PER_FUNCTION) {
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
     * One run of the body on stand-ins for the arguments, from the state unknown callers would see; null when it
     * did not finish (budget).
     */
    private EffectRun runForEffect(Node def, Scope s, Arguments params, List<Value> bound, State from) {
        if (ctx.effectSteps <= 0 || ctx.effectDepth >= 3) {
            return null;
        }
        if (ctx.effectBase == null || effectBaseBindings != ctx.stableBindings && effectBaseRebuilds < 16) {
            // built again once defs, classes or imports bound since can be seen (a function calling itself)
            ctx.effectBase = standaloneBase(from);
            effectBaseBindings = ctx.stableBindings;
            effectBaseRebuilds++;
        }
        State st = ctx.effectBase.copy();
        int frameObj = objs.site(def, def, 0, ObjKind.FRAME, "frame of " + s.qualname() + " (summary)");
        st.write(frameObj);
        Frame g = new Frame(s, frameObj, def, -1, null, null);
        g.st = st;
        g.recording = false;
        g.standalone = true;
        Map<Integer, String> paramObjects = new HashMap<>();
        List<Arg> ps = Parameters.all(params);
        for (int i = 0; i < ps.size(); i++) {
            Arg a = ps.get(i);
            Value v = bound.get(i);
            ObjKind kind = standIn(v, st).standInKind();
            Value passed;
            if (kind == null) {
                passed = new Value(v.pts().withoutUnbound(), 0);
            } else {
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
                passed = ctx.fresh(o);
            }
            ctx.setSlot(st, frameObj, FieldKey.name(a.name()), passed, true);
        }
        SummaryRecorder outer = ctx.recorder;
        SummaryRecorder run = new SummaryRecorder(ctx.objs, st.snapshot(), paramObjects);
        SummaryRecorder.Effect effect = null;
        try (NestedRun nested = new NestedRun(ctx, def, run)) {
            try {
                if (ctx.statements().declaresOuterNames(s)) {
                    run.opaque();
                }
                ctx.statements().runBody(def, g);
                effect = run.finish(s.qualname(), Parameters.names(params), g.returned, g.returnState);
            } catch (Budget.BodyExhausted e) {
                effect = null; // the budget ran out: the call is then treated as unknown code
            } catch (RuntimeException | StackOverflowError e) {
                ctx.statements().internalError(s.qualname(), e); // where it hit: before the position is put back
                effect = null;
            }
        }
        if (effect == null) {
            return null;
        }
        if (outer != null) {
            outer.assumed.addAll(run.assumed); // an outer run depends on what this one assumed
        }
        return new EffectRun(run, effect);
    }

    /**
     * The state a function sees when called from code the analysis cannot see: the module's final state with
     * every global that is not simply a def, class or import possibly anything, and every object's contents
     * possibly changed.
     */
    State standaloneBase(State end) {
        State base = end == null ? new State() : end.copy();
        base.write(ctx.moduleObj);
        Set<String> stable = ctx.stableGlobals();
        int anything = objs.unknown(ctx.module, null, 7, "a global's value at call time");
        base.write(anything).escaped = true;
        base.write(anything).contentsUnknown = true;
        for (int id : base.objectIds()) {
            if (id == ctx.moduleObj) {
                base.write(id).fields.replaceAll((k, v) -> stable.contains(String.valueOf(k.key()))
                        && v.pts().definitelyBound() ? v : new Value(v.pts().union(Pts.of(anything)), 0));
            } else {
                AbstractObject o = objs.get(id);
                // only what changes is written: a write copies the object's contents (the base shares them with
                // the end state), and most objects of a module (numbers, strings, tuples, functions) stay as they are
                if (o.kind().mutable() && o.kind() != ObjKind.FUNCTION) {
                    ObjState w = base.write(id);
                    w.contentsUnknown = true;
                    w.escaped = true;
                    w.collapseItems();
                    w.fields.replaceAll((k, v) -> v.withSym(0));
                }
            }
        }
        return base;
    }

    /**
     * The run state an effect run changes, for its duration: opened before the body runs, closed however it ends
     * (a budget stop or a file stop included). It puts back the watched run, the standalone flag, the body budget,
     * the statement transfer's position, the escape frame and the effect deadline; the outermost effect
     * run also gives its steps back to the caller (they come out of the effect budget instead).
     */
    private static final class NestedRun implements AutoCloseable {
        private final AnalysisRun ctx;
        private final SummaryRecorder recorder;
        private final boolean standalone;
        private final long[] body;
        private final StatementTransfer.Position position;
        private final Frame escapeFrame;
        private final long steps;
        private final long deadline;

        NestedRun(AnalysisRun ctx, Node def, SummaryRecorder watched) {
            this.ctx = ctx;
            this.recorder = ctx.recorder;
            this.standalone = ctx.standaloneRun;
            this.body = ctx.budget.startNestedBody();
            this.position = ctx.statements().position();
            this.escapeFrame = ctx.escapeFrame;
            this.steps = ctx.steps;
            this.deadline = ctx.effectDeadline;
            ctx.recorder = watched;
            ctx.standaloneRun = true;
            ctx.effectDeadline = Math.min(deadline, ctx.steps + ctx.effectSteps);
            ctx.effectDepth++;
            ctx.callStack.push(def);
        }

        @Override
        public void close() {
            ctx.callStack.pop();
            ctx.effectDepth--;
            ctx.recorder = recorder;
            ctx.standaloneRun = standalone;
            ctx.budget.endBody(body);
            ctx.statements().restore(position);
            ctx.escapeFrame = escapeFrame;
            ctx.effectDeadline = deadline;
            if (deadline == Long.MAX_VALUE) {
                // the outermost effect run: its steps come out of the effect budget, not the caller's
                ctx.effectSteps -= ctx.steps - steps;
                ctx.steps = steps;
            }
        }
    }
}
