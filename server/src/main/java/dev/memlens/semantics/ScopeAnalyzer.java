package dev.memlens.semantics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Second pass: decides each symbol's kind. A port of CPython's {@code analyze_block} / {@code analyze_name}
 * ({@code Python/symtable.c}, 3.11, plus the 3.12 rule for annotation scopes that see their class), with the
 * recursion over nested scopes turned into an explicit stack. Porting rather than re-deriving the rules is
 * deliberate: every corner (class scopes invisible to methods but passing free names through, implicit
 * {@code __class__}, globals declared in an outer function) then agrees with CPython by construction, and the
 * symtable oracle test checks it.
 */
final class ScopeAnalyzer {
    static final int LOCAL = 1;
    static final int GLOBAL_EXPLICIT = 2;
    static final int GLOBAL_IMPLICIT = 3;
    static final int FREE = 4;
    static final int CELL = 5;

    /** One scope being analysed: CPython's arguments and locals of analyze_block. */
    private static final class Frame {
        final Scope scope;
        final Set<String> bound; // names bound in enclosing functions; null at module level
        final Set<String> global; // names declared global in enclosing scopes
        final Set<String> free; // out: names free in this scope and its children
        final Set<String> local = new HashSet<>();
        final Set<String> newBound = new HashSet<>();
        final Set<String> newGlobal = new HashSet<>();
        final Set<String> newFree = new HashSet<>();
        final Set<String> allFree = new HashSet<>();
        int nextChild;

        Frame(Scope scope, Set<String> bound, Set<String> global) {
            this.scope = scope;
            this.bound = bound;
            this.global = global;
            this.free = new HashSet<>();
        }
    }

    private ScopeAnalyzer() {
    }

    static void analyze(Scope module) {
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        Frame root = new Frame(module, null, new HashSet<>());
        start(root);
        stack.push(root);
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            List<Scope> children = f.scope.children();
            if (f.nextChild < children.size()) {
                Scope child = children.get(f.nextChild++);
                Frame c = new Frame(child, new HashSet<>(f.newBound), new HashSet<>(f.newGlobal));
                start(c);
                stack.push(c);
                continue;
            }
            finish(f);
            stack.pop();
            Frame parent = stack.peek();
            if (parent != null) {
                parent.allFree.addAll(f.free);
            }
        }
    }

    private static void start(Frame f) {
        Scope s = f.scope;
        boolean isClass = s.kind() == ScopeKind.CLASS;
        if (isClass) {
            // A class namespace is invisible to nested functions: they see what the class itself sees.
            f.newGlobal.addAll(f.global);
            if (f.bound != null) {
                f.newBound.addAll(f.bound);
            }
        }
        for (Symbol sym : s.symbols()) {
            analyzeName(s, sym, f);
        }
        if (!isClass) {
            if (s.kind().isFunctionLike()) {
                f.newBound.addAll(f.local);
            }
            if (f.bound != null) {
                f.newBound.addAll(f.bound);
            }
            f.newGlobal.addAll(f.global);
        } else {
            f.newBound.add("__class__");
        }
    }

    private static void analyzeName(Scope s, Symbol sym, Frame f) {
        String name = sym.name();
        int flags = sym.defs;
        if ((flags & Symbol.DEF_GLOBAL) != 0) {
            sym.scopeCode = GLOBAL_EXPLICIT;
            f.global.add(name);
            if (f.bound != null) {
                f.bound.remove(name);
            }
            return;
        }
        if ((flags & Symbol.DEF_NONLOCAL) != 0) {
            sym.scopeCode = FREE;
            f.free.add(name);
            return;
        }
        if ((flags & Symbol.DEF_BOUND) != 0) {
            sym.scopeCode = LOCAL;
            f.local.add(name);
            f.global.remove(name);
            return;
        }
        Scope cls = s.visibleClass();
        if (cls != null) {
            Symbol c = cls.symbol(name);
            int cf = c == null ? 0 : c.defs;
            if ((cf & Symbol.DEF_GLOBAL) != 0) {
                sym.scopeCode = GLOBAL_EXPLICIT;
                return;
            }
            if ((cf & Symbol.DEF_BOUND) != 0 && (cf & Symbol.DEF_NONLOCAL) == 0) {
                sym.scopeCode = GLOBAL_IMPLICIT;
                return;
            }
        }
        if (f.bound != null && f.bound.contains(name)) {
            sym.scopeCode = FREE;
            f.free.add(name);
            return;
        }
        sym.scopeCode = GLOBAL_IMPLICIT;
    }

    private static void finish(Frame f) {
        Scope s = f.scope;
        f.newFree.addAll(f.allFree);
        if (s.kind().isFunctionLike()) {
            // Locals that a nested scope uses become cells.
            for (Symbol sym : s.symbols()) {
                if (sym.scopeCode == LOCAL && f.newFree.remove(sym.name())) {
                    sym.scopeCode = CELL;
                }
            }
        } else if (s.kind() == ScopeKind.CLASS) {
            f.newFree.remove("__class__");
        }
        // Free names of children pass through this scope on their way to the binding function.
        List<String> passing = new ArrayList<>();
        for (String name : f.newFree) {
            if (s.symbol(name) != null) {
                continue;
            }
            if (f.bound != null && !f.bound.contains(name)) {
                continue;
            }
            passing.add(name);
        }
        for (String name : passing) {
            s.symbolFor(name).scopeCode = FREE;
        }
        f.free.addAll(f.newFree);
        for (Symbol sym : s.symbols()) {
            sym.kind = kindOf(sym);
        }
    }

    private static SymbolKind kindOf(Symbol sym) {
        switch (sym.scopeCode) {
            case LOCAL:
                return SymbolKind.LOCAL;
            case CELL:
                return SymbolKind.CELL;
            case GLOBAL_EXPLICIT:
                return SymbolKind.GLOBAL_EXPLICIT;
            case FREE:
                return (sym.defs & Symbol.DEF_NONLOCAL) != 0 ? SymbolKind.NONLOCAL : SymbolKind.FREE;
            default:
                return SymbolKind.GLOBAL_IMPLICIT;
        }
    }
}
