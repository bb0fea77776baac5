package dev.memlens.semantics;

import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Scope facts that later rules report: reads of possibly unbound locals, and globals shadowed by locals. */
public final class ScopeDiagnostics {
    private ScopeDiagnostics() {
    }

    /**
     * Definite-assignment analysis over each function's and lambda's graph: every read of one of its locals where
     * the local may be unbound. Locals that an inner function rebinds through {@code nonlocal} are skipped (a call
     * may bind them at any time). A context manager is assumed not to swallow exceptions unless it is a call to
     * {@code suppress} ({@code contextlib.suppress}): following every SUPPRESSED edge would flag nearly every
     * variable assigned inside a {@code with}.
     */
    public static List<UnboundLocal> unboundLocals(ScopeTree tree, ControlFlowGraphs graphs) {
        Set<Symbol> reboundByInner = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Scope s : tree.scopes()) {
            for (Symbol sym : s.symbols()) {
                if (sym.kind() == SymbolKind.NONLOCAL && !sym.bindings().isEmpty()) {
                    Symbol target = enclosingCell(s, sym.name());
                    if (target != null) {
                        reboundByInner.add(target);
                    }
                }
            }
        }
        List<UnboundLocal> out = new ArrayList<>();
        for (Scope s : tree.scopes()) {
            if (s.kind() == ScopeKind.FUNCTION || s.kind() == ScopeKind.LAMBDA) {
                ControlFlowGraph g = graphs.of(s);
                if (g != null) {
                    new DefiniteAssignment(tree, s, g, reboundByInner).run(out);
                }
            }
        }
        return out;
    }

    /** Locals of functions that bind a name the module binds, without a {@code global} declaration. */
    public static List<ShadowedGlobal> shadowedGlobals(ScopeTree tree) {
        List<ShadowedGlobal> out = new ArrayList<>();
        Set<String> globals = tree.globallyBound();
        for (Scope s : tree.scopes()) {
            if (s.kind() != ScopeKind.FUNCTION && s.kind() != ScopeKind.LAMBDA) {
                continue;
            }
            for (Symbol sym : s.symbols()) {
                if (!sym.kind().isLocal() || !globals.contains(sym.name())) {
                    continue;
                }
                for (Binding b : sym.bindings()) {
                    if (b.kind().binds() && b.kind() != BindingKind.PARAMETER) {
                        out.add(new ShadowedGlobal(s, sym, tree.module().symbol(sym.name()), b));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Symbol enclosingCell(Scope from, String name) {
        for (Scope p = from.parent(); p != null; p = p.parent()) {
            if (p.kind() == ScopeKind.CLASS) {
                continue;
            }
            Symbol ps = p.symbol(name);
            if (ps != null && ps.kind().isLocal()) {
                return ps;
            }
        }
        return null;
    }

    /** What a name would refer to in the scopes around {@code s}, were it not local to {@code s}. */
    static ResolutionKind outerBinding(ScopeTree tree, Scope s, String name) {
        for (Scope p = s.parent(); p != null; p = p.parent()) {
            if (p.kind() == ScopeKind.CLASS || p.kind() == ScopeKind.MODULE) {
                continue;
            }
            Symbol ps = p.symbol(name);
            if (ps != null && ps.kind().isLocal() && ps.isBound()) {
                return ResolutionKind.ENCLOSING;
            }
        }
        if (tree.globallyBound().contains(name)) {
            return ResolutionKind.GLOBAL;
        }
        if (Builtins.isBuiltin(name)) {
            return ResolutionKind.BUILTIN;
        }
        return null;
    }

    /** The forward must/may-bound dataflow of one body. */
    private static final class DefiniteAssignment {
        private final ScopeTree tree;
        private final Scope scope;
        private final ControlFlowGraph graph;
        private final Map<Symbol, Integer> index = new IdentityHashMap<>();
        // Per block, by id (ids are reverse post-order positions).
        private final List<NameEvents.Event>[] events;
        private final BitSet[][] in;
        private final BitSet[][] out;
        private final Set<Node> boundSomewhere = Collections.newSetFromMap(new IdentityHashMap<>());

        DefiniteAssignment(ScopeTree tree, Scope scope, ControlFlowGraph graph, Set<Symbol> reboundByInner) {
            this.tree = tree;
            this.scope = scope;
            this.graph = graph;
            int n = graph.reversePostOrder().size();
            @SuppressWarnings("unchecked")
            List<NameEvents.Event>[] ev = new List[n];
            this.events = ev;
            this.in = new BitSet[n][];
            this.out = new BitSet[n][];
            for (Symbol sym : scope.symbols()) {
                if (sym.kind().isLocal() && !reboundByInner.contains(sym) && !alwaysBound(sym)) {
                    index.put(sym, index.size());
                }
            }
        }

        /** A parameter nothing deletes is bound everywhere in its function. */
        private static boolean alwaysBound(Symbol sym) {
            if (!sym.has(SymbolFlag.PARAMETER)) {
                return false;
            }
            for (Binding b : sym.bindings()) {
                if (b.kind().unbinds()) {
                    return false;
                }
            }
            return true;
        }

        void run(List<UnboundLocal> found) {
            if (index.isEmpty()) {
                return;
            }
            List<BasicBlock> rpo = graph.reversePostOrder();
            NameEvents collector = new NameEvents(tree, scope);
            for (BasicBlock b : rpo) {
                List<NameEvents.Event> ev = new ArrayList<>();
                for (Element e : b.elements) {
                    collector.collect(e, ev);
                }
                events[b.id()] = ev;
            }
            BitSet params = new BitSet();
            for (Map.Entry<Symbol, Integer> e : index.entrySet()) {
                if (e.getKey().has(SymbolFlag.PARAMETER)) {
                    params.set(e.getValue());
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (BasicBlock b : rpo) {
                    BitSet[] state = b == graph.entry() ? atEntry(b, params) : join(b);
                    if (state == null) {
                        continue;
                    }
                    BitSet[] old = in[b.id()];
                    if (old != null && old[0].equals(state[0]) && old[1].equals(state[1])) {
                        continue;
                    }
                    in[b.id()] = state;
                    out[b.id()] = transfer(state, events[b.id()], null, null);
                    changed = true;
                }
            }
            Map<Node, UnboundLocal> reads = new LinkedHashMap<>();
            for (BasicBlock b : rpo) {
                BitSet[] state = in[b.id()];
                if (state != null) {
                    transfer(state, events[b.id()], reads, firstArrival(b, params));
                }
            }
            for (UnboundLocal u : reads.values()) {
                // A read in a finally block has one copy per path; bound in one copy means only "maybe".
                if (u.certainty() == UnboundLocal.Certainty.DEFINITELY && boundSomewhere.contains(u.read())) {
                    u = new UnboundLocal(u.scope(), u.symbol(), u.read(), UnboundLocal.Certainty.MAYBE, u.outer());
                }
                found.add(u);
            }
        }

        /**
         * The function's start, joined with the edges back into the entry block: a body that opens with a loop
         * has its loop head there, and what the loop body binds reaches the head again.
         */
        private BitSet[] atEntry(BasicBlock entry, BitSet params) {
            BitSet[] start = {(BitSet) params.clone(), (BitSet) params.clone()};
            BitSet[] back = join(entry);
            if (back != null) {
                start[0].and(back[0]);
                start[1].or(back[1]);
            }
            return start;
        }

        /**
         * May-bound when the block is first reached: over its forward edges only (a back edge comes from inside a
         * loop the block heads, which runs after it). A read at a loop head that no forward edge binds raises on
         * its first evaluation, so on every run that reaches it ({@code while a: a = f()}), though a later
         * evaluation would find the name bound.
         */
        private BitSet firstArrival(BasicBlock b, BitSet params) {
            BitSet[] forward = join(b, true);
            BitSet may = forward == null ? new BitSet() : forward[1];
            if (b == graph.entry()) {
                may.or(params);
            }
            return may;
        }

        /** Must-bound: intersection over incoming edges; may-bound: union. Null while no predecessor is known. */
        private BitSet[] join(BasicBlock b) {
            return join(b, false);
        }

        /** @param forwardOnly leave out back edges (ids are reverse post-order positions: a back edge goes up) */
        private BitSet[] join(BasicBlock b, boolean forwardOnly) {
            BitSet must = null;
            BitSet may = null;
            for (BasicBlock p : b.predecessors) {
                if (!graph.isReachable(p) || forwardOnly && p.id() >= b.id()) {
                    continue;
                }
                BitSet[] pin = in[p.id()];
                BitSet[] pout = out[p.id()];
                if (pout == null) {
                    continue;
                }
                for (Edge e : p.successors) {
                    if (e.target() != b) {
                        continue;
                    }
                    BitSet[] s;
                    if (e.kind() == EdgeKind.EXCEPTION) {
                        s = pin; // raised before the element's effects
                    } else if (e.kind() == EdgeKind.SUPPRESSED && !suppresses(p)) {
                        continue;
                    } else {
                        s = pout;
                    }
                    if (must == null) {
                        must = (BitSet) s[0].clone();
                        may = (BitSet) s[1].clone();
                    } else {
                        must.and(s[0]);
                        may.or(s[1]);
                    }
                }
            }
            return must == null ? null : new BitSet[] {must, may};
        }

        private static boolean suppresses(BasicBlock exitBlock) {
            for (Element e : exitBlock.elements) {
                if (e instanceof Element.WithExit w && w.item().contextExpr() instanceof Expr.Call c) {
                    Expr f = c.func();
                    if ((f instanceof Expr.Name n && n.id().equals("suppress"))
                            || (f instanceof Expr.Attribute a && a.attr().name().equals("suppress"))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** @param first may-bound on the block's first arrival (for reporting), or null while solving */
        private BitSet[] transfer(BitSet[] state, List<NameEvents.Event> ev, Map<Node, UnboundLocal> reads,
                                  BitSet first) {
            BitSet must = (BitSet) state[0].clone();
            BitSet may = (BitSet) state[1].clone();
            BitSet mayFirst = first == null ? may : first;
            for (NameEvents.Event e : ev) {
                Integer i = index.get(e.symbol());
                if (i == null) {
                    continue;
                }
                switch (e.kind()) {
                    case READ -> {
                        if (reads != null && must.get(i)) {
                            boundSomewhere.add(e.node());
                        } else if (reads != null) {
                            UnboundLocal.Certainty c = (!may.get(i) || !mayFirst.get(i)) && !e.conditional()
                                    ? UnboundLocal.Certainty.DEFINITELY : UnboundLocal.Certainty.MAYBE;
                            UnboundLocal prev = reads.get(e.node());
                            if (prev == null || prev.certainty() != c) {
                                UnboundLocal.Certainty merged = prev == null ? c : UnboundLocal.Certainty.MAYBE;
                                reads.put(e.node(), new UnboundLocal(scope, e.symbol(), e.node(), merged,
                                        outerBinding(tree, scope, e.symbol().name())));
                            }
                        }
                    }
                    case BIND -> {
                        may.set(i);
                        mayFirst.set(i);
                        if (!e.conditional()) {
                            must.set(i);
                        }
                    }
                    case UNBIND -> {
                        must.clear(i);
                        may.clear(i);
                        mayFirst.clear(i);
                    }
                }
            }
            return new BitSet[] {must, may};
        }
    }
}
