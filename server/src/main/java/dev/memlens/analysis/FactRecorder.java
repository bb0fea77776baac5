package dev.memlens.analysis;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * Fact recording: mutations (at the statement and at its callers' call statements) and the per-statement snapshots
 * that facts are worked out from.
 */
final class FactRecorder {
    private final AnalysisRun ctx;

    FactRecorder(AnalysisRun ctx) {
        this.ctx = ctx;
    }

    /** The objects of {@code target} change in place at {@code site} ({@code certain}: on every path through it). */
    void mutated(Value target, Node site, Frame f, boolean certain) {
        if (ctx.recorder != null && f.st != null) {
            ctx.recorder.mutated(target.pts().withoutUnbound());
        }
        if (f.st != null && target.pts().anyMatch(ctx.outside::isOutside)) {
            // items may shift, go or change: no item of anything from outside (they may be this one) is known now;
            // a store records its own slot after this
            ctx.outside.itemsChanged(f.st);
        }
        if (!f.recording || f.st == null) {
            return;
        }
        Pts objsMut = target.pts().withoutUnbound();
        if (!objsMut.isEmpty()) {
            recordMutation(objsMut, site, f, f.st, certain);
        }
    }

    /**
     * Records a mutation as seen from {@code f}'s body in state {@code st}, and at each recording caller's call
     * statement: a caller's state while its callee runs is the callee's (one heap for the whole program).
     */
    private void recordMutation(Pts objsMut, Node site, Frame f, State st, boolean certain) {
        ctx.mutations.add(new MutationFact(site, f.scope.qualname(), objsMut, certain, ctx.heap,
                snapshot(f, st, false)));
        if (f.caller != null && f.context != null && f.caller.recording) {
            recordMutation(objsMut, f.context, f.caller, st, certain);
        }
    }

    void mutatedMay(Value target, Node site, Frame f) {
        mutated(target, site, f, false);
    }

    void record(Stmt s, Frame f) {
        StatementFacts sf = ctx.facts.computeIfAbsent(s, k -> new StatementFacts(s, f.scope.qualname(), ctx.heap,
                refcountTargets(s)));
        sf.visit(snapshot(f, f.st, !ctx.standaloneRun));
        ctx.partials.recorded(s);
    }

    /** The body's view of state {@code st}, kept for facts worked out later; with the roots for refcounts. */
    private FrameSnapshot snapshot(Frame f, State st, boolean refcounts) {
        int[] roots = null;
        if (refcounts) {
            List<Integer> chain = new ArrayList<>();
            chain.add(ctx.moduleObj);
            for (Frame g = f; g != null; g = g.caller != null ? g.caller : g.lexicalParent) {
                chain.add(g.frameObj);
            }
            roots = chain.stream().mapToInt(Integer::intValue).toArray();
        }
        return new FrameSnapshot(st.snapshot(), f.scope, f.frameObj, ctx.heap.freeFrames(f.scope,
                d -> f.framesOf(d, st)), roots, refcounts ? f.loopDepth() : 0);
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
}
