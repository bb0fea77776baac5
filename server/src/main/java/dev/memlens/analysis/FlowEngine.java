package dev.memlens.analysis;

import dev.memlens.semantics.BasicBlock;
import dev.memlens.semantics.ControlFlowGraph;
import dev.memlens.semantics.Edge;
import dev.memlens.semantics.EdgeKind;
import dev.memlens.semantics.Element;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Runs a statement transfer over one body's control-flow graph: abstract states flow along the edges, are joined
 * where edges meet, and loops are iterated to a fixed point.
 * <p>
 * The graph is taken one strongly connected component at a time, in topological order. A block outside every loop
 * runs once, from the join of all that reaches it, recording facts if the caller records. A loop (a component with
 * a cycle) is first iterated without recording until the states at its blocks stop changing (widening at its heads
 * when that takes too long), then run once more from those states, recording; only that last run's states leave
 * the loop. So every recorded statement sees the state that holds at it, never an intermediate one.
 * <p>
 * Exceptions: an EXCEPTION edge carries the join of the states before and after its block (inside a try body each
 * statement has its own block, so this is "anywhere during the statement"), plus what the transfer reports as raised
 * during it. Edges to the exceptional exit are not followed (an uncaught exception ends the body with no state), and
 * blocks that only an exception reaches run only when they lead back to normal flow (a handler, a suppressing
 * {@code with}); see {@link FlowPlan}.
 */
final class FlowEngine {

    /** What the engine runs at each element. */
    interface Transfer {
        /**
         * Runs one element from {@code st}, which the transfer may change; returns the state after it, or null when
         * it does not complete normally.
         */
        State element(Element e, State st);

        /** The states in which an exception was raised during the last {@link #element} call (then forgotten). */
        State takeRaised();

        /** Turns fact recording on or off (loops are iterated with recording off). */
        void recording(boolean on);

        /**
         * A loop head whose state still changes after the limit's rounds: returns a state at least as large
         * as {@code next} on which the loop settles sooner (round counts the widenings of this head), or throws a
         * budget stop when it gives up.
         */
        State widen(BasicBlock head, State previous, State next, int round);
    }

    /** How the states leave the body: falling off its end, and by return statements. */
    record Outcome(/* nullable */ State fellOff, /* nullable */ State returned) {
    }


    private final ControlFlowGraph graph;
    private final FlowPlan plan;
    private final Transfer transfer;
    private final boolean recording;
    private final int rounds;
    private final State[] in;
    /** The loops being iterated, innermost last. */
    private final ArrayList<Active> active = new ArrayList<>();
    private State fellOff;
    private State returned;

    /** A loop being iterated: the states its blocks sent out of it in the current sweep, and whether to sweep again. */
    private static final class Active {
        final FlowPlan.Loop loop;
        final ArrayList<Edge> outEdges = new ArrayList<>();
        final ArrayList<State> outStates = new ArrayList<>();
        boolean again;
        int sweep;
        final int[] widenedAt;
        final int[] widenings;

        Active(FlowPlan.Loop loop, int blocks) {
            this.loop = loop;
            this.widenedAt = new int[blocks];
            this.widenings = new int[blocks];
        }
    }

    private FlowEngine(FlowPlan plan, Transfer transfer, boolean recording, int rounds) {
        this.rounds = rounds;
        this.graph = plan.graph();
        this.plan = plan;
        this.transfer = transfer;
        this.recording = recording;
        this.in = new State[graph.blocks().size()];
    }

    /**
     * Runs the body from {@code entry} (not changed); {@code recording} is whether the caller records facts;
     * {@code rounds} is how many sweeps a loop gets before its heads are widened.
     */
    static Outcome run(FlowPlan plan, Transfer transfer, State entry, boolean recording, int rounds) {
        FlowEngine e = new FlowEngine(plan, transfer, recording, rounds);
        e.in[plan.graph().entry().id()] = entry;
        e.runAll();
        return new Outcome(e.fellOff, e.returned);
    }

    private void runAll() {
        runUnits(plan.units(), recording);
    }

    private void runUnits(List<FlowPlan.Unit> units, boolean record) {
        for (FlowPlan.Unit u : units) {
            if (u instanceof FlowPlan.Block b) {
                if (in[b.id()] != null) {
                    runBlock(graph.blocks().get(b.id()), in[b.id()]);
                }
            } else {
                FlowPlan.Loop l = (FlowPlan.Loop) u;
                boolean entered = false;
                for (int e : l.entries()) {
                    entered |= in[e] != null;
                }
                if (entered) {
                    runLoop(l, record);
                }
            }
        }
    }

    /**
     * Iterates a loop as the body would run again and again: each sweep runs its entry points (the loop head) from
     * their states, which accumulate, and the rest of the loop from the states this sweep sends it, inner loops
     * being iterated to their own fixed point within the sweep. A sweep that changes no entry point ends the
     * iteration; from the {@code rounds}-th sweep on, an entry point whose state still changes is widened (once per
     * sweep). Facts are recorded in one more sweep from the settled states, and only the last sweep's states leave
     * the loop, so a fact never joins an intermediate state in.
     */
    private void runLoop(FlowPlan.Loop loop, boolean record) {
        Active a = new Active(loop, graph.blocks().size());
        active.add(a);
        transfer.recording(false);
        try {
            do {
                sweep(a, false);
            } while (a.again);
            if (record) {
                transfer.recording(true);
                sweep(a, true);
            }
        } finally {
            active.remove(active.size() - 1);
            transfer.recording(record);
        }
        for (int i = 0; i < a.outEdges.size(); i++) {
            deliver(a.outEdges.get(i), a.outStates.get(i));
        }
    }

    private void sweep(Active a, boolean record) {
        a.again = false;
        a.sweep++;
        a.outEdges.clear();
        a.outStates.clear();
        BitSet blocks = a.loop.blocks();
        for (int b = blocks.nextSetBit(0); b >= 0; b = blocks.nextSetBit(b + 1)) {
            if (!a.loop.isEntry(b)) {
                in[b] = null;
            }
        }
        for (int e : a.loop.entries()) {
            if (in[e] != null) {
                runBlock(graph.blocks().get(e), in[e]);
            }
        }
        runUnits(a.loop.inner(), record);
    }

    // the state before the block's last element, for the edges that leave from there (see edgeState)
    private State beforeLast;
    private State blockIn;
    private State blockOut;
    private State raised;

    /** Runs one block from {@code start} and sends its states along its edges. */
    private void runBlock(BasicBlock b, State start) {
        State st = start.copy();
        List<Element> elements = b.elements();
        raised = null;
        beforeLast = null;
        for (int i = 0; i < elements.size() && st != null; i++) {
            Element e = elements.get(i);
            if (i == elements.size() - 1 && (e instanceof Element.IterNext || e instanceof Element.CaseTest)) {
                beforeLast = st.copy();
            }
            st = transfer.element(e, st);
            State r = transfer.takeRaised();
            if (r != null) {
                raised = State.join(raised, r);
            }
        }
        blockIn = start;
        blockOut = st;
        for (Edge e : b.successors()) {
            State s = edgeState(b, e);
            if (s != null) {
                deliver(e, s);
            }
        }
    }

    /** The state along an edge of the block just run; null when nothing goes that way. */
    private State edgeState(BasicBlock b, Edge e) {
        if (e.target() == graph.exceptionalExit()) {
            return null;
        }
        switch (e.kind()) {
            case EXCEPTION: {
                State s = blockOut == null ? blockIn : blockIn.join(blockOut);
                return raised == null ? s : s.join(raised);
            }
            case SUPPRESSED:
                return plan.suppresses(b.id()) ? blockOut : null;
            case EXHAUSTED:
                // the iterator ran out in next(): the state before the call
                return beforeLast != null ? beforeLast : blockOut;
            case NO_MATCH:
                // a failed pattern may have bound some of its captures already
                return beforeLast != null ? (blockOut == null ? beforeLast : beforeLast.join(blockOut)) : blockOut;
            default:
                return blockOut;
        }
    }

    /**
     * Joins a state into an edge's target. An edge leaving the innermost loop being iterated waits until that loop
     * settles (its last sweep's states are the ones that leave); one reaching the loop's entry point from inside
     * (a back edge) makes it sweep again if it changed the state there. The exit collects returns and falling off
     * the end apart.
     */
    private void deliver(Edge e, State s) {
        BasicBlock t = e.target();
        Active a = active.isEmpty() ? null : active.get(active.size() - 1);
        if (a != null && !a.loop.blocks().get(t.id())) {
            a.outEdges.add(e);
            a.outStates.add(s);
            return;
        }
        if (t == graph.exit()) {
            if (e.kind() == EdgeKind.RETURN) {
                returned = State.join(returned, s);
            } else {
                fellOff = State.join(fellOff, s);
            }
            return;
        }
        if (!plan.live(t.id())) {
            return;
        }
        State old = in[t.id()];
        if (a == null || !a.loop.isEntry(t.id())) {
            in[t.id()] = old == null ? s : old.join(s);
            return;
        }
        State next = old == null ? s : old.join(s);
        if (old != null && next.equals(old)) {
            return;
        }
        if (old != null && a.sweep >= rounds && a.widenedAt[t.id()] != a.sweep) {
            a.widenedAt[t.id()] = a.sweep;
            next = transfer.widen(t, old, next, ++a.widenings[t.id()]);
        }
        in[t.id()] = next;
        a.again = true;
    }
}
