package dev.memlens.semantics;

import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The scopes of one module and what every name in it refers to. Lookups are by AST node identity (records compare
 * by value, so two equal-looking nodes must not be confused) and by source offset.
 */
public final class ScopeTree {
    private final Module moduleNode;
    private final Scope module;
    private final List<Scope> scopes;
    private final IdentityHashMap<Node, Scope> bodyScopes;
    private final IdentityHashMap<Node, Scope> typeParamScopes;
    private final IdentityHashMap<Node, Resolution> resolutions;
    /** Every resolved occurrence sorted by start offset, for {@link #nameAt}. */
    private final Resolution[] byOffset;
    private final int[] starts;
    private final Set<String> globallyBound;
    private final boolean futureAnnotations;
    private final boolean starImport;
    private final LanguageLevel level;

    private ScopeTree(Module moduleNode, ScopeTreeBuilder b, LanguageLevel level) {
        this.moduleNode = moduleNode;
        this.level = level;
        this.module = b.module;
        this.bodyScopes = b.bodyScopes;
        this.bodyScopes.put(moduleNode, b.module);
        this.typeParamScopes = b.typeParamScopes;
        this.futureAnnotations = b.futureAnnotations();
        this.starImport = b.starImport;
        for (Scope s : b.scopes) {
            s.sortChildren();
        }
        ScopeAnalyzer.analyze(module);
        this.scopes = preorder(module, b.scopes.size());
        this.globallyBound = globallyBoundNames(scopes);
        markBuiltins();
        computeQualnames();
        this.resolutions = new IdentityHashMap<>(b.occurrences.size() * 2);
        List<Resolution> ordered = new ArrayList<>(b.occurrences.size());
        for (ScopeTreeBuilder.Occurrence o : b.occurrences) {
            Resolution r = resolve(o);
            resolutions.put(o.node(), r);
            ordered.add(r);
        }
        ordered.sort(Comparator.comparingInt(r -> r.node().span().start()));
        this.byOffset = ordered.toArray(new Resolution[0]);
        this.starts = new int[byOffset.length];
        for (int i = 0; i < byOffset.length; i++) {
            starts[i] = byOffset[i].node().span().start();
        }
    }

    public static ScopeTree build(Module module) {
        return build(module, LanguageLevel.PY313);
    }

    public static ScopeTree build(Module module, LanguageLevel level) {
        ScopeTreeBuilder b = new ScopeTreeBuilder(module);
        b.build(module);
        return new ScopeTree(module, b, level);
    }

    public Module moduleNode() {
        return moduleNode;
    }

    public Scope module() {
        return module;
    }

    /** All scopes, parents before children, children in source order. */
    public List<Scope> scopes() {
        return scopes;
    }

    public LanguageLevel level() {
        return level;
    }

    /**
     * The scope whose body the node owns: Module, FunctionDef, ClassDef, Lambda, a comprehension expression, a
     * TypeAlias (its value scope), a type parameter's bound or default expression. Null for other nodes.
     */
    public Scope scopeOf(Node owner) {
        return bodyScopes.get(owner);
    }

    /** The PEP 695 type-parameter scope of a generic FunctionDef, ClassDef or TypeAlias, or null. */
    public Scope typeParameterScopeOf(Node owner) {
        return typeParamScopes.get(owner);
    }

    /**
     * What a name occurrence refers to. Accepts an {@code Expr.Name}, an {@code Arg}, an import {@code Alias}
     * (without {@code as}), or the {@code Identifier} of a def/class name, an {@code as} name (import, except,
     * match), a {@code **rest}/{@code *rest} capture, a type parameter or a global/nonlocal declaration.
     */
    public Resolution resolve(Node nameNode) {
        return resolutions.get(nameNode);
    }

    public Collection<Resolution> resolutions() {
        return Collections.unmodifiableList(Arrays.asList(byOffset));
    }

    /** The name occurrence whose span contains the offset (the innermost, should spans nest), or null. */
    public Resolution nameAt(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        if (i < 0) {
            i = -i - 2;
        } else {
            while (i + 1 < starts.length && starts[i + 1] == offset) {
                i++;
            }
        }
        // Spans of name nodes do not overlap except an Alias around its parts: walk back a few.
        for (int j = i; j >= 0 && j > i - 8; j--) {
            Span sp = byOffset[j].node().span();
            if (sp.contains(offset)) {
                return byOffset[j];
            }
        }
        return null;
    }

    /**
     * The innermost scope whose owner's source range contains the offset. Approximate at the edges: a default
     * value or decorator lies inside its function's range yet is evaluated in the enclosing scope; for names,
     * {@link #nameAt} is exact.
     */
    public Scope scopeAt(int offset) {
        Resolution r = nameAt(offset);
        if (r != null) {
            return r.scope();
        }
        Scope s = module;
        outer:
        while (true) {
            for (Scope c : s.children()) {
                if (c.span().contains(offset)) {
                    s = c;
                    continue outer;
                }
            }
            return s;
        }
    }

    /** Names some code in the file binds in the module namespace (at module level, or via global/walrus). */
    public Set<String> globallyBound() {
        return Collections.unmodifiableSet(globallyBound);
    }

    /** Every site in the file that binds the module-level name: module-level bindings and those via global. */
    public List<Binding> globalBindings(String name) {
        List<Binding> out = new ArrayList<>();
        for (Scope s : scopes) {
            Symbol sym = s.symbol(name);
            if (sym != null && (s == module || sym.kind() == SymbolKind.GLOBAL_EXPLICIT)) {
                out.addAll(sym.bindings());
            }
        }
        return out;
    }

    public boolean futureAnnotations() {
        return futureAnnotations;
    }

    /** A {@code from m import *} anywhere: any unresolved or builtin name may come from it. */
    public boolean hasStarImport() {
        return starImport;
    }

    // ---- construction

    private static List<Scope> preorder(Scope module, int size) {
        List<Scope> out = new ArrayList<>(size);
        ArrayList<Scope> stack = new ArrayList<>();
        stack.add(module);
        while (!stack.isEmpty()) {
            Scope s = stack.remove(stack.size() - 1);
            out.add(s);
            List<Scope> ch = s.children();
            for (int i = ch.size() - 1; i >= 0; i--) {
                stack.add(ch.get(i));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static Set<String> globallyBoundNames(List<Scope> scopes) {
        Set<String> names = new HashSet<>();
        for (Scope s : scopes) {
            boolean isModule = s.kind() == ScopeKind.MODULE;
            for (Symbol sym : s.symbols()) {
                if ((isModule || sym.kind() == SymbolKind.GLOBAL_EXPLICIT) && bindsSomething(sym)) {
                    names.add(sym.name());
                }
            }
        }
        return names;
    }

    private static boolean bindsSomething(Symbol sym) {
        if (sym.isBound()) {
            return true;
        }
        for (Binding b : sym.bindings()) {
            if (b.kind().binds()) {
                return true;
            }
        }
        return false;
    }

    private void markBuiltins() {
        for (Scope s : scopes) {
            for (Symbol sym : s.symbols()) {
                if (sym.kind == SymbolKind.GLOBAL_IMPLICIT && !globallyBound.contains(sym.name())
                        && Builtins.isBuiltin(sym.name())) {
                    sym.kind = SymbolKind.BUILTIN;
                }
            }
        }
    }

    /** CPython's {@code compiler_set_qualname}. */
    private void computeQualnames() {
        for (Scope s : scopes) {
            s.qualname = qualnameOf(s);
        }
    }

    private String qualnameOf(Scope s) {
        if (s.kind() == ScopeKind.MODULE) {
            return "<module>";
        }
        Scope parent = unitParent(s);
        if (parent.kind() == ScopeKind.TYPE_PARAMETERS || parent.kind() == ScopeKind.TYPE_VAR_BOUND) {
            // Annotation scopes are transparent: a generic function is named as if they were not there.
            parent = unitParent(parent);
        }
        if (parent.kind() == ScopeKind.MODULE) {
            return s.name();
        }
        if (s.kind() == ScopeKind.FUNCTION || s.kind() == ScopeKind.CLASS) {
            Symbol sym = parent.symbol(NameMangling.mangle(parent.privateName, s.name()));
            if (sym != null && sym.kind() == SymbolKind.GLOBAL_EXPLICIT) {
                return s.name();
            }
        }
        ScopeKind pk = parent.kind();
        boolean locals = pk == ScopeKind.FUNCTION || pk == ScopeKind.LAMBDA || pk == ScopeKind.TYPE_ALIAS;
        return parent.qualname() + (locals ? ".<locals>." : ".") + s.name();
    }

    /** The enclosing scope that has its own code object (inlined comprehensions have none from 3.12). */
    private Scope unitParent(Scope s) {
        Scope p = s.parent();
        if (level.inlinesComprehensions()) {
            while (p.kind() == ScopeKind.COMPREHENSION
                    && !(p.owner() instanceof dev.memlens.syntax.ast.Expr.GeneratorExp)) {
                p = p.parent();
            }
        }
        return p;
    }

    private Resolution resolve(ScopeTreeBuilder.Occurrence o) {
        Scope scope = o.scope();
        String name = o.name();
        Symbol sym = scope.symbol(name);
        if (sym == null) {
            return new Resolution(o.node(), name, scope, null, ResolutionKind.UNRESOLVED, null, null, o.binding());
        }
        switch (sym.kind()) {
            case LOCAL:
            case CELL:
                if (scope.kind() == ScopeKind.MODULE) {
                    return result(o, sym, ResolutionKind.GLOBAL, module, sym);
                }
                return result(o, sym, scope.kind() == ScopeKind.CLASS ? ResolutionKind.CLASS : ResolutionKind.LOCAL,
                        scope, sym);
            case FREE:
            case NONLOCAL:
                return resolveFree(o, sym);
            default:
                return resolveGlobal(o, sym);
        }
    }

    private Resolution resolveFree(ScopeTreeBuilder.Occurrence o, Symbol sym) {
        String name = o.name();
        for (Scope p = o.scope().parent(); p != null; p = p.parent()) {
            if (p.kind() == ScopeKind.CLASS) {
                if (name.equals("__class__")) {
                    return result(o, sym, ResolutionKind.ENCLOSING, p, null);
                }
                continue;
            }
            Symbol ps = p.symbol(name);
            if (ps != null && (ps.kind() == SymbolKind.CELL || ps.kind() == SymbolKind.LOCAL)) {
                return result(o, sym, ResolutionKind.ENCLOSING, p, ps);
            }
            if (ps != null && ps.kind() == SymbolKind.GLOBAL_EXPLICIT) {
                // A comprehension walrus whose function declares the name global.
                return resolveGlobal(o, sym);
            }
        }
        return result(o, sym, ResolutionKind.UNRESOLVED, null, null);
    }

    private Resolution resolveGlobal(ScopeTreeBuilder.Occurrence o, Symbol sym) {
        String name = o.name();
        Scope cls = o.scope().visibleClass();
        if (cls != null && sym.kind() != SymbolKind.GLOBAL_EXPLICIT) {
            Symbol cs = cls.symbol(name);
            if (cs != null && cs.isBound()) {
                return result(o, sym, ResolutionKind.CLASS, cls, cs);
            }
        }
        Symbol ms = module.symbol(name);
        if (globallyBound.contains(name) || sym.kind() == SymbolKind.GLOBAL_EXPLICIT
                || Builtins.isModuleAttribute(name)) {
            return result(o, sym, ResolutionKind.GLOBAL, module, ms);
        }
        if (Builtins.isBuiltin(name)) {
            return result(o, sym, ResolutionKind.BUILTIN, null, null);
        }
        if (starImport) {
            return result(o, sym, ResolutionKind.GLOBAL, module, ms);
        }
        return result(o, sym, ResolutionKind.UNRESOLVED, null, null);
    }

    private static Resolution result(ScopeTreeBuilder.Occurrence o, Symbol sym, ResolutionKind kind, Scope target,
                                     Symbol targetSymbol) {
        return new Resolution(o.node(), o.name(), o.scope(), sym, kind, target, targetSymbol, o.binding());
    }
}
