package dev.memlens.analysis;

import dev.memlens.semantics.BasicBlock;
import dev.memlens.semantics.ControlFlowGraph;
import dev.memlens.semantics.Edge;
import dev.memlens.semantics.EdgeKind;
import dev.memlens.semantics.Element;
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
    /** Per block: the states its last run sent along edges leaving its loop (kept until the loop settles). */
    private final State[][] leaving;
    private State fellOff;
    private State returned;

    private FlowEngine(FlowPlan plan, Transfer transfer, boolean recording, int rounds) {
        this.rounds = rounds;
        this.graph = plan.graph();
        this.plan = plan;
        this.transfer = transfer;
        this.recording = recording;
        int n = graph.blocks().size();
        this.in = new State[n];
        this.leaving = new State[n][];
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
        for (int[] component : plan.components()) {
            if (component.length == 1 && !plan.selfLoop(component[0])) {
                int b = component[0];
                if (in[b] != null) {
                    runBlock(graph.blocks().get(b), in[b], null);
                }
            } else {
                runLoop(component);
            }
        }
    }

    /**
     * Iterates a loop in sweeps, as one would run its body again and again: each sweep runs the component's blocks
     * in reverse post-order from the states at its entry points (loop heads, and blocks entered from outside), which
     * accumulate; the other blocks get the states this sweep sends them, so facts inside the body come from the
     * settled heads, not from a join over all the sweeps. A sweep that changes no head along a back edge ends the
     * iteration. From the {@code rounds}-th sweep on, a head whose state still changes is widened (once per sweep).
     * Then one more sweep, recording, sends the states that leave the loop.
     */
    private void runLoop(int[] component) {
        int first = component[0];
        BitSet members = new BitSet();
        for (int b : component) {
            members.set(b);
        }
        boolean[] entryPoint = new boolean[component[component.length - 1] - first + 1];
        boolean any = false;
        for (int b : component) {
            BasicBlock block = graph.blocks().get(b);
            boolean outside = b == graph.entry().id();
            for (BasicBlock p : block.predecessors()) {
                outside |= !members.get(p.id());
            }
            entryPoint[b - first] = outside || graph.loopHeads().contains(block);
            any |= in[b] != null;
        }
        if (!any) {
            return;
        }
        int[] widenedAt = new int[entryPoint.length];
        int[] widenings = new int[entryPoint.length];
        transfer.recording(false);
        try {
            boolean again = true;
            for (int sweep = 1; again; sweep++) {
                again = false;
                State[] fresh = new State[entryPoint.length];
                for (int b : component) {
                    leaving[b] = null;
                    State start = entryPoint[b - first] ? in[b] : fresh[b - first];
                    if (start == null) {
                        continue;
                    }
                    runBlock(graph.blocks().get(b), start, members);
                    for (Edge e : graph.blocks().get(b).successors()) {
                        int t = e.target().id();
                        if (!members.get(t) || !plan.live(t)) {
                            continue;
                        }
                        State s = edgeState(graph.blocks().get(b), e);
                        if (s == null) {
                            continue;
                        }
                        if (!entryPoint[t - first]) {
                            fresh[t - first] = fresh[t - first] == null ? s : fresh[t - first].join(s);
                            continue;
                        }
                        State old = in[t];
                        State next = old == null ? s : old.join(s);
                        if (old != null && next.equals(old)) {
                            continue;
                        }
                        boolean back = t <= b;
                        if (back && old != null && sweep >= rounds && widenedAt[t - first] != sweep) {
                            widenedAt[t - first] = sweep;
                            next = transfer.widen(e.target(), old, next, ++widenings[t - first]);
                        }
                        in[t] = next;
                        again |= back;
                    }
                }
            }
        } finally {
            transfer.recording(recording);
        }
        if (recording) {
            // the recording sweep, from the settled heads; its states are the ones that leave the loop
            State[] fresh = new State[entryPoint.length];
            for (int b : component) {
                leaving[b] = null;
                State start = entryPoint[b - first] ? in[b] : fresh[b - first];
                if (start == null) {
                    continue;
                }
                runBlock(graph.blocks().get(b), start, members);
                for (Edge e : graph.blocks().get(b).successors()) {
                    int t = e.target().id();
                    if (members.get(t) && !entryPoint[t - first] && plan.live(t)) {
                        State s = edgeState(graph.blocks().get(b), e);
                        if (s != null) {
                            fresh[t - first] = fresh[t - first] == null ? s : fresh[t - first].join(s);
                        }
                    }
                }
            }
        }
        for (int b : component) {
            if (leaving[b] != null) {
                List<Edge> succ = graph.blocks().get(b).successors();
                for (int i = 0; i < succ.size(); i++) {
                    if (leaving[b][i] != null) {
                        send(succ.get(i), leaving[b][i]);
                    }
                }
                leaving[b] = null;
            }
        }
    }

    // the state before the block's last element, for the edges that leave from there (see edgeState)
    private State beforeLast;
    private State blockIn;
    private State blockOut;
    private State raised;

    /**
     * Runs one block from its in-state. Outside a loop ({@code members} null) its edges are followed at once;
     * inside one, the edges leaving the loop are kept in {@link #leaving} and the caller follows the others.
     */
    private void runBlock(BasicBlock b, State start, BitSet members) {
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
        List<Edge> succ = b.successors();
        for (int i = 0; i < succ.size(); i++) {
            Edge e = succ.get(i);
            int t = e.target().id();
            if (members != null && members.get(t)) {
                continue;
            }
            State s = edgeState(b, e);
            if (members != null) {
                if (leaving[b.id()] == null) {
                    leaving[b.id()] = new State[succ.size()];
                }
                leaving[b.id()][i] = s;
            } else if (s != null) {
                send(e, s);
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

    /** Joins a state into an edge's target (the exit collects returns and falling off the end apart). */
    private void send(Edge e, State s) {
        BasicBlock t = e.target();
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
        in[t.id()] = in[t.id()] == null ? s : in[t.id()].join(s);
    }
}
