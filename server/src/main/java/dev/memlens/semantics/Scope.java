package dev.memlens.semantics;

import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scope of the tree: its kind, the node that owns it, its names. Read-only once the tree is built. */
public final class Scope {
    private final ScopeKind kind;
    private final Node owner;
    private final Scope parent;
    private final String name;
    private final List<Scope> children = new ArrayList<>();
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    /** The innermost enclosing class name, for private name mangling; null outside classes. */
    final String privateName;
    String qualname;
    /** PEP 695: an annotation scope directly in a class body sees that class's names (through __classdict__). */
    final Scope visibleClass;
    final int depth;

    Scope(ScopeKind kind, Node owner, Scope parent, String name) {
        this.kind = kind;
        this.owner = owner;
        this.parent = parent;
        this.name = name;
        this.depth = parent == null ? 0 : parent.depth + 1;
        if (kind == ScopeKind.CLASS) {
            this.privateName = name;
        } else {
            this.privateName = parent == null ? null : parent.privateName;
        }
        if (kind.isAnnotationScope() && parent != null) {
            this.visibleClass = parent.kind == ScopeKind.CLASS ? parent : parent.visibleClass;
        } else {
            this.visibleClass = null;
        }
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public ScopeKind kind() {
        return kind;
    }

    /**
     * The node that owns the scope: the Module, FunctionDef, ClassDef, Lambda, the comprehension expression, the
     * FunctionDef/ClassDef/TypeAlias for TYPE_PARAMETERS, the TypeAlias for TYPE_ALIAS, and the bound (or default)
     * expression for TYPE_VAR_BOUND.
     */
    public Node owner() {
        return owner;
    }

    public Span span() {
        return owner.span();
    }

    /** Null for the module scope. */
    public Scope parent() {
        return parent;
    }

    /** Child scopes in source order. */
    public List<Scope> children() {
        return Collections.unmodifiableList(children);
    }

    /** CPython's code object name: {@code f}, {@code C}, {@code <lambda>}, {@code <listcomp>}, {@code <module>}. */
    public String name() {
        return name;
    }

    /** The {@code __qualname__} CPython gives this scope's function or class. */
    public String qualname() {
        return qualname;
    }

    /** The symbol stored under this exact (already mangled) name, or null. */
    public Symbol symbol(String storedName) {
        return symbols.get(storedName);
    }

    /** The symbol a name written in this scope refers to, applying private name mangling first. */
    public Symbol lookup(String writtenName) {
        return symbols.get(NameMangling.mangle(privateName, writtenName));
    }

    public Collection<Symbol> symbols() {
        return Collections.unmodifiableCollection(symbols.values());
    }

    /** The class whose namespace this annotation scope can see, or null. */
    public Scope visibleClass() {
        return visibleClass;
    }

    /** Nesting depth: 0 for the module. */
    public int depth() {
        return depth;
    }

    Symbol symbolFor(String storedName) {
        Symbol s = symbols.get(storedName);
        if (s == null) {
            s = new Symbol(this, storedName);
            symbols.put(storedName, s);
        }
        return s;
    }

    void sortChildren() {
        if (children.size() > 1) {
            children.sort((a, b) -> Integer.compare(a.owner.span().start(), b.owner.span().start()));
        }
    }

    @Override
    public String toString() {
        return kind + " " + qualname;
    }
}
