package dev.memlens.semantics;

import dev.memlens.syntax.ast.Identifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One name in one scope. The name is the one CPython stores: mangled ({@code _C__x}) inside classes.
 * Built by {@link ScopeTreeBuilder}; read-only afterwards.
 */
public final class Symbol {
    // CPython's symtable DEF_* bits, which the scope analysis (a port of CPython's) works on.
    static final int DEF_GLOBAL = 1;
    static final int DEF_LOCAL = 2;
    static final int DEF_PARAM = 4;
    static final int DEF_NONLOCAL = 8;
    static final int USE = 16;
    static final int DEF_IMPORT = 64;
    static final int DEF_ANNOT = 128;
    static final int DEF_COMP_ITER = 256;
    static final int DEF_TYPE_PARAM = 512;
    static final int DEF_DELETED = 1024;
    static final int DEF_BOUND = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

    private final Scope scope;
    private final String name;
    int defs;
    SymbolKind kind = SymbolKind.GLOBAL_IMPLICIT;
    /** CPython's scope code while the analysis runs (see {@link ScopeAnalyzer}). */
    int scopeCode;
    private final List<Binding> bindings = new ArrayList<>(2);
    private List<Identifier> declarations = List.of();

    Symbol(Scope scope, String name) {
        this.scope = scope;
        this.name = name;
    }

    public Scope scope() {
        return scope;
    }

    public String name() {
        return name;
    }

    public SymbolKind kind() {
        return kind;
    }

    public boolean has(SymbolFlag flag) {
        return switch (flag) {
            case PARAMETER -> (defs & DEF_PARAM) != 0;
            case ASSIGNED -> (defs & DEF_LOCAL) != 0;
            case REFERENCED -> (defs & USE) != 0;
            case IMPORTED -> (defs & DEF_IMPORT) != 0;
            case ANNOTATED -> (defs & DEF_ANNOT) != 0;
            case CAPTURED -> kind == SymbolKind.CELL;
            case DECLARED_GLOBAL -> (defs & DEF_GLOBAL) != 0;
            case DECLARED_NONLOCAL -> (defs & DEF_NONLOCAL) != 0;
            case COMPREHENSION_TARGET -> (defs & DEF_COMP_ITER) != 0;
            case DELETED -> (defs & DEF_DELETED) != 0;
            case TYPE_PARAMETER -> (defs & DEF_TYPE_PARAM) != 0;
        };
    }

    public Set<SymbolFlag> flags() {
        EnumSet<SymbolFlag> set = EnumSet.noneOf(SymbolFlag.class);
        for (SymbolFlag f : SymbolFlag.values()) {
            if (has(f)) {
                set.add(f);
            }
        }
        return set;
    }

    /**
     * The sites in this scope that bind or unbind the name, in source order of discovery. A walrus inside a
     * comprehension is recorded on the symbol of the scope it binds in (the enclosing function or the module),
     * not on the comprehension's entry.
     */
    public List<Binding> bindings() {
        return Collections.unmodifiableList(bindings);
    }

    /** The identifiers of the {@code global}/{@code nonlocal} statements in this scope that name it. */
    public List<Identifier> declarations() {
        return Collections.unmodifiableList(declarations);
    }

    /** Bound somehow in this scope (assignment forms, import, parameter, def, class...). */
    public boolean isBound() {
        return (defs & DEF_BOUND) != 0;
    }

    void addBinding(Binding binding) {
        bindings.add(binding);
    }

    void addDeclaration(Identifier id) {
        if (declarations.isEmpty()) {
            declarations = new ArrayList<>(1);
        }
        declarations.add(id);
    }

    @Override
    public String toString() {
        return name + ":" + kind;
    }
}
