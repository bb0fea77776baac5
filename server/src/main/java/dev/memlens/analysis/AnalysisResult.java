package dev.memlens.analysis;

import dev.memlens.semantics.ScopeTree;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the interpreter found about one file, keyed by AST node (identity). This is what rules and editor
 * features read: statement facts (alias groups, refcounts), points-to sets of names, mutations, copy sites and
 * identity verdicts, and the scopes.
 */
public final class AnalysisResult {
    private final Module module;
    private final SemanticModel semantics;
    private final ObjectTable objects;
    private final IdentityHashMap<Stmt, StatementFacts> statements;
    private final IdentityHashMap<Node, Pts> pointsTo;
    private final List<MutationFact> mutations;
    private final IdentityHashMap<Node, CopyFact> copies;
    private final IdentityHashMap<Node, IdentityVerdict> identities;
    private final List<PartialAnalysis> partials;
    private final List<FunctionSummary> summaries;

    AnalysisResult(Module module, SemanticModel semantics, ObjectTable objects,
                   IdentityHashMap<Stmt, StatementFacts> statements, IdentityHashMap<Node, Pts> pointsTo,
                   List<MutationFact> mutations, IdentityHashMap<Node, CopyFact> copies,
                   IdentityHashMap<Node, IdentityVerdict> identities, List<PartialAnalysis> partials,
                   List<FunctionSummary> summaries) {
        this.summaries = summaries;
        this.module = module;
        this.semantics = semantics;
        this.objects = objects;
        this.statements = statements;
        this.pointsTo = pointsTo;
        this.mutations = mutations;
        this.copies = copies;
        this.identities = identities;
        this.partials = partials;
    }

    public Module module() {
        return module;
    }

    /** The scope tree the analysis resolved names with. */
    public ScopeTree scopes() {
        return semantics.scopes();
    }

    /** Scopes and control-flow graphs of the analyzed module. */
    public SemanticModel semantics() {
        return semantics;
    }

    /** Facts after a simple statement, or null if the statement was never reached by the analysis. */
    public StatementFacts after(Stmt s) {
        return statements.get(s);
    }

    /** Facts of every reached simple statement, in source order. */
    public List<StatementFacts> statements() {
        List<StatementFacts> l = new ArrayList<>(statements.values());
        l.sort((a, b) -> Integer.compare(a.stmt().span().start(), b.stmt().span().start()));
        return l;
    }

    /** The objects a name (load or store) or call may evaluate to, over all executions; null if unreached. */
    public Pts pointsTo(Expr e) {
        return pointsTo.get(e);
    }

    public AbstractObject object(int id) {
        return objects.get(id);
    }

    public List<MutationFact> mutations() {
        return Collections.unmodifiableList(mutations);
    }

    public CopyFact copyAt(Node call) {
        return copies.get(call);
    }

    public Map<Node, CopyFact> copies() {
        return Collections.unmodifiableMap(copies);
    }

    /** Verdict of an {@code is} / {@code is not} comparison or an {@code id(a) == id(b)}. */
    public IdentityVerdict identity(Node compare) {
        return identities.get(compare);
    }

    public Map<Node, IdentityVerdict> identities() {
        return Collections.unmodifiableMap(identities);
    }

    /** What a call of each function of the file does to its caller, in the order the functions were run. */
    public List<FunctionSummary> summaries() {
        return summaries;
    }

    /** The summary of the (first) function with this {@code __qualname__}, or null. */
    public FunctionSummary summary(String qualname) {
        for (FunctionSummary s : summaries) {
            if (s.qualname().equals(qualname)) {
                return s;
            }
        }
        return null;
    }

    /** False when a budget ran out somewhere (see {@link #partials()}): the affected statements claim nothing. */
    public boolean complete() {
        return partials.isEmpty();
    }

    /**
     * The body runs whose analysis was cut, in source order, each with where and why; empty when the analysis is
     * complete. Statements a cut run had reached keep their facts; the rest of its body claims nothing.
     */
    public List<PartialAnalysis> partials() {
        return partials;
    }

    /** The cuts of one scope ({@code <module>} or a function's {@code __qualname__}), in source order. */
    public List<PartialAnalysis> partials(String scope) {
        List<PartialAnalysis> out = new ArrayList<>();
        for (PartialAnalysis p : partials) {
            if (p.scope().equals(scope)) {
                out.add(p);
            }
        }
        return out;
    }
}
