package dev.memlens.rules;

import dev.memlens.analysis.AnalysisResult;
import dev.memlens.analysis.Interpreter;
import dev.memlens.rules.support.AnalysisObjectFacts;
import dev.memlens.rules.support.NodeIndex;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.semantics.Binding;
import dev.memlens.semantics.LanguageLevel;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.semantics.SemanticModel;
import dev.memlens.semantics.Symbol;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a rule sees of one file: its text, AST, line map, the semantic model (scopes, resolutions, unbound-local
 * analysis) and the abstract interpreter's object facts. Each is built at most once per file (or handed in by the
 * caller, as the language server does) and shared by all rules. Not thread-safe: one context per file per thread.
 */
public final class RuleContext {
    private final String path;
    private final String text;
    private final Module module;
    private LineMap lineMap;
    private NodeIndex index;
    private SemanticModel semantics;
    private AnalysisResult analysis;
    /** Builds the analysis on the first request for it; null once asked (or when the file gets none). */
    private Supplier<AnalysisResult> analysisSource;
    private ObjectFacts objects;
    private Map<Scope, List<Expr.Name>> loads;

    /** A context that builds the semantic model and the analysis on first use. */
    public RuleContext(String path, String text, Module module) {
        this(path, text, module, null, (AnalysisResult) null);
    }

    /** A context over models the caller already built (either may be null: then it is built on first use). */
    public RuleContext(String path, String text, Module module, /* nullable */ SemanticModel semantics,
                       /* nullable */ AnalysisResult analysis) {
        this(path, text, module, semantics, analysis, true);
    }

    /**
     * A context over models the caller already built. With {@code buildAnalysis} false a null analysis stays
     * null: the caller decided the file gets none (the language server skips files too large to interpret), so
     * every object fact is unknown and the rules that need one report nothing.
     */
    public RuleContext(String path, String text, Module module, /* nullable */ SemanticModel semantics,
                       /* nullable */ AnalysisResult analysis, boolean buildAnalysis) {
        this(path, text, module, semantics, analysis != null || !buildAnalysis ? () -> analysis : null);
    }

    /**
     * A context whose analysis comes from {@code analysisSource} on the first request for it, or never when no
     * rule asks (the command line: most files need no object fact, and the interpreter is most of a check's
     * time). A null source builds it here; a source may answer null (the file gets no analysis).
     */
    public RuleContext(String path, String text, Module module, /* nullable */ SemanticModel semantics,
                       /* nullable */ Supplier<AnalysisResult> analysisSource) {
        this.path = path;
        this.text = text;
        this.module = module;
        this.semantics = semantics;
        this.analysisSource = analysisSource != null ? analysisSource
                : () -> Interpreter.analyze(this.module, semantics());
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    public Module module() {
        return module;
    }

    public LineMap lineMap() {
        if (lineMap == null) {
            lineMap = new LineMap(text);
        }
        return lineMap;
    }

    /** The file's semantic model: scope tree, resolutions, control-flow graphs, scope diagnostics. */
    public SemanticModel semantics() {
        if (semantics == null) {
            semantics = SemanticModel.build(module, text, LanguageLevel.PY313);
        }
        return semantics;
    }

    public ScopeTree scopes() {
        return semantics().scopes();
    }

    /**
     * The abstract interpreter's result for the file (run once, on the file's semantic model, shared by every
     * rule), or null when the file gets no analysis (see the constructor): then no object fact is known.
     */
    public AnalysisResult analysis() {
        if (analysisSource != null) {
            Supplier<AnalysisResult> source = analysisSource;
            analysisSource = null; // asked once: a failure is not retried by every rule
            analysis = source.get();
        }
        return analysis;
    }

    /** True once a rule has asked for the analysis and it exists (handed in, or built for the request). */
    public boolean hasAnalysis() {
        return analysis != null;
    }

    /** Must facts about objects, answered by the abstract interpreter. */
    public ObjectFacts objects() {
        if (objects == null) {
            objects = new AnalysisObjectFacts(this);
        }
        return objects;
    }

    /** The scope a def, class, lambda or comprehension node opens (the module scope for the module). */
    public Scope scopeOf(Node owner) {
        return scopes().scopeOf(owner);
    }

    /**
     * The scope whose code contains the node: the innermost def/class/lambda/comprehension around it (a def's
     * decorators, defaults and annotations count as inside it here, as in source order).
     */
    public Scope enclosingScope(Node n) {
        for (Node cur = parent(n); cur != null; cur = parent(cur)) {
            Scope s = scopes().scopeOf(cur);
            if (s != null) {
                return s;
            }
        }
        return scopes().module();
    }

    /** What a name occurrence refers to, or null for a node that is no name occurrence. */
    public Resolution resolve(Node name) {
        return scopes().resolve(name);
    }

    /** The symbol a name written in the scope has there (private names mangled), or null. */
    public Symbol symbol(Scope s, String name) {
        return s.lookup(name);
    }

    /** The bindings the scope's symbol of the name records (empty when it has none). */
    public List<Binding> bindings(Scope s, String name) {
        Symbol sym = s.lookup(name);
        return sym == null ? List.of() : sym.bindings();
    }

    /** True when the name is a local variable of the scope (bound there, not declared global or nonlocal). */
    public boolean isLocal(Scope s, String name) {
        Symbol sym = s.lookup(name);
        return sym != null && sym.isBound() && (sym.kind().isLocal()
                || s == scopes().module() && sym.kind() != dev.memlens.semantics.SymbolKind.NONLOCAL);
    }

    /**
     * The names read in the scope's own code (not nested scopes), in source order: loads, and the targets of
     * {@code x += ...}, which read before they write.
     */
    public List<Expr.Name> loads(Scope s) {
        if (loads == null) {
            loads = new IdentityHashMap<>();
            for (Resolution r : scopes().resolutions()) {
                if (r.node() instanceof Expr.Name n && (n.ctx() == Ctx.LOAD
                        || parent(n) instanceof Stmt.AugAssign a && a.target() == n)) {
                    loads.computeIfAbsent(r.scope(), k -> new ArrayList<>()).add(n);
                }
            }
        }
        return loads.getOrDefault(s, List.of());
    }

    /**
     * The right-hand sides of the {@code name = value} bindings (also annotated, chained, walrus) of the variable
     * the load refers to, in the scope where it lives; other kinds of binding (parameters, loops, imports...)
     * contribute nothing. Syntax only: rules use it to decide whether a fact is worth asking the analysis for.
     */
    public List<Expr> assignedValues(Expr.Name load) {
        Resolution r = resolve(load);
        if (r == null || r.targetSymbol() == null && r.kind() != dev.memlens.semantics.ResolutionKind.GLOBAL) {
            return List.of();
        }
        List<Binding> bs = r.kind() == dev.memlens.semantics.ResolutionKind.GLOBAL
                ? scopes().globalBindings(load.id()) : r.targetSymbol().bindings();
        List<Expr> out = new ArrayList<>();
        for (Binding b : bs) {
            Node p = parent(b.site());
            if (p instanceof Stmt.Assign a && a.targets().contains(b.site())) {
                out.add(a.value());
            } else if (p instanceof Stmt.AnnAssign a && a.value() != null && a.target() == b.site()) {
                out.add(a.value());
            } else if (p instanceof Expr.NamedExpr w && w.target() == b.site()) {
                out.add(w.value());
            }
        }
        return out;
    }

    /** The offset from which a binding holds: after its statement's right-hand side (a parameter: 0). */
    public int bindingPoint(Binding b) {
        Node site = b.site();
        Node p = parent(site);
        while (p instanceof Expr.TupleDisplay || p instanceof Expr.ListDisplay || p instanceof Expr.Starred) {
            p = parent(p);
        }
        if (p instanceof Stmt.Assign || p instanceof Stmt.AugAssign || p instanceof Stmt.AnnAssign
                || p instanceof Expr.NamedExpr || p instanceof Stmt.Import || p instanceof Stmt.ImportFrom) {
            return p.span().end();
        }
        if (site instanceof dev.memlens.syntax.ast.Arg) {
            return 0;
        }
        return site.span().end();
    }

    public Node parent(Node n) {
        return index().parent(n);
    }

    /** Every node of the file in pre-order (the module first), computed once for all rules. */
    public List<Node> nodes() {
        return index().nodes();
    }

    /** Visits every node of the file in pre-order. */
    public void forEachNode(java.util.function.Consumer<Node> visit) {
        for (Node n : nodes()) {
            visit.accept(n);
        }
    }

    /** Visits the file's nodes of one kind ({@code Expr.Call.class}...) in pre-order: what most rules look at. */
    public <T extends Node> void forEach(Class<T> kind, java.util.function.Consumer<? super T> visit) {
        index().forEach(kind, visit);
    }

    /** Visits the file's nodes of any of the kinds, in pre-order. */
    @SafeVarargs
    public final void forEachOf(java.util.function.Consumer<? super Node> visit, Class<? extends Node>... kinds) {
        index().forEachOf(visit, List.of(kinds));
    }

    private NodeIndex index() {
        if (index == null) {
            // about one node per four characters of source: sized once instead of grown a dozen times per edit
            index = NodeIndex.of(module, Math.max(64, text.length() / 4));
        }
        return index;
    }

    /** The source text of a span. */
    public String text(Span s) {
        return text.substring(Math.min(s.start(), text.length()), Math.min(s.end(), text.length()));
    }

    public String text(Node n) {
        return text(n.span());
    }

    /** 1-based line of an offset. */
    public int line(int offset) {
        return lineMap().line(offset) + 1;
    }

    /** 1-based line of a node's start. */
    public int line(Node n) {
        return line(n.span().start());
    }

    /** The enclosing statement of a node (itself if it is one). */
    public Stmt statementOf(Node n) {
        Node cur = n;
        while (cur != null && !(cur instanceof Stmt)) {
            cur = parent(cur);
        }
        return (Stmt) cur;
    }

    /** The leading whitespace of the line where offset is. */
    public String indentAt(int offset) {
        int start = lineStartOf(offset);
        int i = start;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(start, i);
    }

    public int lineStartOf(int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** True when only whitespace precedes offset on its line (a statement that starts its own line). */
    public boolean startsLine(int offset) {
        return text.substring(lineStartOf(offset), Math.min(offset, text.length())).isBlank();
    }

    /** The line ending used by this file. */
    public String newline() {
        int i = text.indexOf('\n');
        if (i > 0 && text.charAt(i - 1) == '\r') {
            return "\r\n";
        }
        return i < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n";
    }
}
