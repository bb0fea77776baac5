package dev.memlens.analysis;

import dev.memlens.semantics.BasicBlock;
import dev.memlens.semantics.ControlFlowGraph;
import dev.memlens.semantics.Edge;
import dev.memlens.semantics.EdgeKind;
import dev.memlens.semantics.Element;
import dev.memlens.syntax.ast.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What {@link FlowEngine} needs to know of a graph before running it, worked out once per graph: the schedule of
 * its blocks (strongly connected components in topological order, loops nested), which blocks are worth running, and which
 * {@code with} exits may swallow an exception.
 * <p>
 * A block is worth running when normal flow reaches it (from the entry without taking an exception, or from a
 * handler's dispatch) or when it leads back to the body's exit: an exception's path that ends in an uncaught
 * exception (the clean-up copy of a finally body with no handler around it, a {@code with}'s exceptional exit) would
 * only join states into blocks whose facts nobody reads.
 */
record FlowPlan(ControlFlowGraph graph, List<Unit> units, boolean[] liveBlocks, boolean[] suppressing) {

    /** A step of the engine's schedule: one block outside any cycle, or a loop. */
    sealed interface Unit {
    }

    /** A block that is run once per pass over the units around it. */
    record Block(int id) implements Unit {
    }

    /**
     * A strongly connected component: its blocks, its entry points (blocks entered from outside it: the loop head;
     * their states accumulate over the sweeps), and the rest of it split the same way, in topological order.
     */
    record Loop(BitSet blocks, int[] entries, List<Unit> inner) implements Unit {
        boolean isEntry(int b) {
            for (int e : entries) {
                if (e == b) {
                    return true;
                }
            }
            return false;
        }
    }

    boolean live(int b) {
        return liveBlocks[b];
    }

    boolean suppresses(int b) {
        return suppressing[b];
    }

    static FlowPlan of(ControlFlowGraph g) {
        int n = g.blocks().size();
        boolean[] suppressing = new boolean[n];
        BitSet all = new BitSet();
        for (BasicBlock b : g.reversePostOrder()) {
            suppressing[b.id()] = suppresses(b);
            all.set(b.id());
        }
        return new FlowPlan(g, units(g, all), live(g, suppressing), suppressing);
    }

    /** A {@code with contextlib.suppress(...)} exit: the exception may end there and flow continue after it. */
    private static boolean suppresses(BasicBlock b) {
        for (Element e : b.elements()) {
            if (e instanceof Element.WithExit w && w.exceptional() && w.item().contextExpr() instanceof Expr.Call c) {
                Expr f = c.func();
                String name = f instanceof Expr.Name nm ? nm.id() : f instanceof Expr.Attribute a ? a.attr().name() : "";
                if (name.endsWith("suppress")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean follows(Edge e, BasicBlock from, boolean[] suppressing) {
        return e.kind() != EdgeKind.SUPPRESSED || suppressing[from.id()];
    }

    private static boolean[] live(ControlFlowGraph g, boolean[] suppressing) {
        int n = g.blocks().size();
        boolean[] normal = new boolean[n];
        int[] stack = new int[n + 1];
        int sp = 0;
        stack[sp++] = g.entry().id();
        normal[g.entry().id()] = true;
        while (sp > 0) {
            BasicBlock b = g.blocks().get(stack[--sp]);
            for (Edge e : b.successors()) {
                BasicBlock t = e.target();
                boolean take = e.kind() == EdgeKind.EXCEPTION ? startsHandler(t) : follows(e, b, suppressing);
                if (take && !normal[t.id()] && g.isReachable(t)) {
                    normal[t.id()] = true;
                    stack[sp++] = t.id();
                }
            }
        }
        // blocks that lead to the exit: a backward search from it
        boolean[] toExit = new boolean[n];
        sp = 0;
        stack[sp++] = g.exit().id();
        toExit[g.exit().id()] = true;
        while (sp > 0) {
            BasicBlock b = g.blocks().get(stack[--sp]);
            for (BasicBlock p : b.predecessors()) {
                if (toExit[p.id()] || !g.isReachable(p)) {
                    continue;
                }
                for (Edge e : p.successors()) {
                    if (e.target() == b && follows(e, p, suppressing)) {
                        toExit[p.id()] = true;
                        stack[sp++] = p.id();
                        break;
                    }
                }
            }
        }
        boolean[] live = new boolean[n];
        for (BasicBlock b : g.reversePostOrder()) {
            live[b.id()] = normal[b.id()] || toExit[b.id()];
        }
        return live;
    }

    private static boolean startsHandler(BasicBlock b) {
        return !b.elements().isEmpty() && b.elements().get(0) instanceof Element.ExceptTest;
    }

    /**
     * The schedule of a set of blocks: its strongly connected components in topological order, a loop's own inner
     * schedule being that of its blocks without its entry points (Bourdoncle's recursive strategy).
     */
    private static List<Unit> units(ControlFlowGraph g, BitSet allowed) {
        List<Unit> out = new ArrayList<>();
        for (int[] comp : components(g, allowed)) {
            int b = comp[0];
            if (comp.length == 1 && !selfLoop(g, b)) {
                out.add(new Block(b));
                continue;
            }
            BitSet blocks = new BitSet();
            for (int c : comp) {
                blocks.set(c);
            }
            List<Integer> entries = new ArrayList<>();
            for (int c : comp) {
                BasicBlock block = g.blocks().get(c);
                boolean entry = block == g.entry();
                for (BasicBlock p : block.predecessors()) {
                    entry |= !blocks.get(p.id());
                }
                if (entry) {
                    entries.add(c);
                }
            }
            if (entries.isEmpty()) {
                entries.add(comp[0]);
            }
            BitSet rest = (BitSet) blocks.clone();
            for (int e : entries) {
                rest.clear(e);
            }
            out.add(new Loop(blocks, entries.stream().mapToInt(Integer::intValue).toArray(), units(g, rest)));
        }
        return out;
    }

    private static boolean selfLoop(ControlFlowGraph g, int b) {
        for (Edge e : g.blocks().get(b).successors()) {
            if (e.target().id() == b) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tarjan's algorithm without recursion over the blocks in {@code allowed} (edges leaving them are ignored);
     * components come out in topological order, each sorted.
     */
    private static List<int[]> components(ControlFlowGraph g, BitSet allowed) {
        int n = g.blocks().size();
        int[] index = new int[n];
        int[] low = new int[n];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] sccStack = new int[n];
        int ssp = 0;
        int[] callStack = new int[n];
        int[] nextEdge = new int[n];
        int counter = 0;
        List<int[]> out = new ArrayList<>();
        for (int root = allowed.nextSetBit(0); root >= 0; root = allowed.nextSetBit(root + 1)) {
            if (index[root] >= 0) {
                continue;
            }
            int csp = 0;
            index[root] = low[root] = counter++;
            sccStack[ssp++] = root;
            onStack[root] = true;
            callStack[csp++] = root;
            while (csp > 0) {
                int v = callStack[csp - 1];
                List<Edge> succ = g.blocks().get(v).successors();
                if (nextEdge[v] < succ.size()) {
                    int w = succ.get(nextEdge[v]++).target().id();
                    if (!allowed.get(w)) {
                        continue;
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        sccStack[ssp++] = w;
                        onStack[w] = true;
                        callStack[csp++] = w;
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                csp--;
                if (csp > 0) {
                    int parent = callStack[csp - 1];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    for (int i = ssp - 1; sccStack[i] != v; i--) {
                        size++;
                    }
                    int[] comp = new int[size + 1];
                    for (int i = 0; i <= size; i++) {
                        int w = sccStack[--ssp];
                        onStack[w] = false;
                        comp[i] = w;
                    }
                    Arrays.sort(comp);
                    out.add(comp);
                }
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }
}
