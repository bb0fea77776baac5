package dev.memlens.semantics;

import dev.memlens.syntax.ParseResult;
import dev.memlens.syntax.ast.Module;

import java.util.List;

/**
 * Everything the semantics layer knows about one module: its scope tree, the control-flow graph of every body,
 * and (computed on first use) the scope diagnostics.
 */
public final class SemanticModel {
    private final String source;
    private final ScopeTree scopes;
    private final ControlFlowGraphs graphs;
    private List<UnboundLocal> unboundLocals;
    private List<ShadowedGlobal> shadowedGlobals;

    private SemanticModel(String source, ScopeTree scopes, ControlFlowGraphs graphs) {
        this.source = source;
        this.scopes = scopes;
        this.graphs = graphs;
    }

    public static SemanticModel build(ParseResult parsed) {
        return build(parsed.module(), parsed.source().text(), LanguageLevel.PY313);
    }

    public static SemanticModel build(Module module, /* nullable */ String source, LanguageLevel level) {
        ScopeTree tree = ScopeTree.build(module, level);
        return new SemanticModel(source, tree, ControlFlowGraphs.build(tree));
    }

    /** The source text, when the model was built from it (used for CFG dumps). */
    public String source() {
        return source;
    }

    public ScopeTree scopes() {
        return scopes;
    }

    public ControlFlowGraphs graphs() {
        return graphs;
    }

    public ControlFlowGraph graph(Scope scope) {
        return graphs.of(scope);
    }

    public synchronized List<UnboundLocal> unboundLocals() {
        if (unboundLocals == null) {
            unboundLocals = List.copyOf(ScopeDiagnostics.unboundLocals(scopes, graphs));
        }
        return unboundLocals;
    }

    public synchronized List<ShadowedGlobal> shadowedGlobals() {
        if (shadowedGlobals == null) {
            shadowedGlobals = List.copyOf(ScopeDiagnostics.shadowedGlobals(scopes));
        }
        return shadowedGlobals;
    }
}
