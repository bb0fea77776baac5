package dev.memlens.analysis;

import dev.memlens.semantics.Scope;
import dev.memlens.semantics.ScopeKind;
import dev.memlens.semantics.ScopeTree;
import dev.memlens.semantics.Symbol;
import dev.memlens.semantics.SymbolFlag;
import dev.memlens.semantics.SymbolKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The interpreter's questions to the semantics scope tree, answered once per (scope, name) and cached: where a
 * name written in a body lives at run time (a slot of the body's own namespace, the module, or the frame of an
 * enclosing function) and which enclosing function owns a free variable.
 */
final class ScopeNames {
    enum Where { LOCAL, GLOBAL, FREE }

    /** The answer for one name of one scope. {@code owner} is the enclosing function of a FREE name, or null. */
    record Entry(Where where, Scope owner) {}

    private final ScopeTree tree;
    private final IdentityHashMap<Scope, HashMap<String, Entry>> cache = new IdentityHashMap<>();
    private final IdentityHashMap<Scope, List<String>> freeNames = new IdentityHashMap<>();

    ScopeNames(ScopeTree tree) {
        this.tree = tree;
    }

    ScopeTree tree() {
        return tree;
    }

    Entry entry(Scope s, String name) {
        // a module's globals are thousands: the map is made that large at once
        HashMap<String, Entry> m = cache.computeIfAbsent(s, k -> new HashMap<>(
                k.parent() == null ? k.symbols().size() * 4 / 3 + 1 : 16));
        Entry e = m.get(name);
        if (e == null) {
            e = compute(s, name);
            m.put(name, e);
        }
        return e;
    }

    Where where(Scope s, String name) {
        return entry(s, name).where();
    }

    /** The enclosing function (or comprehension) whose local the name is, skipping class bodies; or null. */
    Scope definingScope(Scope s, String name) {
        return entry(s, name).owner();
    }

    /** Bound in this body's own namespace (a local, a cell, a class-body name; at module level a global). */
    static boolean isLocal(Scope s, String name) {
        Symbol sym = s.lookup(name);
        return sym != null && sym.kind().isLocal();
    }

    /** Free variables of a function body (read from enclosing functions' frames). */
    List<String> freeNames(Scope s) {
        return freeNames.computeIfAbsent(s, k -> {
            List<String> out = new ArrayList<>();
            for (Symbol sym : k.symbols()) {
                if (sym.kind().isFree() && sym.has(SymbolFlag.REFERENCED)) {
                    out.add(sym.name());
                }
            }
            return out;
        });
    }

    private Entry compute(Scope s, String name) {
        if (s.kind() == ScopeKind.MODULE) {
            return new Entry(Where.GLOBAL, null);
        }
        Symbol sym = s.lookup(name);
        String stored = sym == null ? name : sym.name();
        if (sym != null) {
            SymbolKind k = sym.kind();
            if (k.isLocal()) {
                return new Entry(Where.LOCAL, null);
            }
            if (k == SymbolKind.GLOBAL_EXPLICIT) {
                return new Entry(Where.GLOBAL, null);
            }
        }
        Scope owner = owner(s, stored);
        if (sym != null && sym.kind().isFree()) {
            return new Entry(Where.FREE, owner);
        }
        return owner == null ? new Entry(Where.GLOBAL, null) : new Entry(Where.FREE, owner);
    }

    private static Scope owner(Scope s, String stored) {
        for (Scope p = s.parent(); p != null && p.kind() != ScopeKind.MODULE; p = p.parent()) {
            if (p.kind() == ScopeKind.CLASS) {
                continue;
            }
            Symbol ps = p.symbol(stored);
            if (ps == null) {
                continue;
            }
            if (ps.kind() == SymbolKind.GLOBAL_EXPLICIT) {
                return null;
            }
            if (ps.kind().isLocal()) {
                return p;
            }
        }
        return null;
    }
}
