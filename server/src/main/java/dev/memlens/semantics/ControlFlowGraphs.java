package dev.memlens.semantics;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/** The control-flow graphs of every code body of a module, by scope. */
public final class ControlFlowGraphs {
    private final Map<Scope, ControlFlowGraph> graphs;

    private ControlFlowGraphs(Map<Scope, ControlFlowGraph> graphs) {
        this.graphs = graphs;
    }

    public static ControlFlowGraphs build(ScopeTree tree) {
        IdentityHashMap<Scope, ControlFlowGraph> graphs = new IdentityHashMap<>();
        for (Scope s : tree.scopes()) {
            ControlFlowGraph g = CfgBuilder.build(s);
            if (g != null) {
                graphs.put(s, g);
            }
        }
        return new ControlFlowGraphs(graphs);
    }

    /** The graph of the scope's body; null for TYPE_PARAMETERS scopes, which have no body of their own. */
    public ControlFlowGraph of(Scope scope) {
        return graphs.get(scope);
    }

    public Map<Scope, ControlFlowGraph> all() {
        return Collections.unmodifiableMap(graphs);
    }
}
