package dev.memlens.analysis;

import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.WithItem;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The module's stable globals: names a def, class or import binds once and nothing else rebinds. Functions run on
 * their own (unknown callers) may rely on them; every other global may be anything by the time they are called.
 * Worked out from the syntax alone.
 */
final class StableGlobals {
    private StableGlobals() {
    }

    /**
     * Module names bound exactly once, by def, class or import at module level, and never declared global by a
     * function ({@code writtenByFunctions}).
     */
    static Set<String> of(Module module, Set<String> writtenByFunctions) {
        Map<String, Integer> count = new java.util.HashMap<>();
        Set<String> simple = new HashSet<>();
        for (Stmt s : module.body()) {
            if (s instanceof Stmt.FunctionDef f) {
                simple.add(f.name().name());
                count.merge(f.name().name(), 1, Integer::sum);
            } else if (s instanceof Stmt.ClassDef c) {
                simple.add(c.name().name());
                count.merge(c.name().name(), 1, Integer::sum);
            } else if (s instanceof Stmt.Import i) {
                for (var a : i.names()) {
                    String n = a.asname() != null ? a.asname().name() : a.name().split("\\.")[0];
                    simple.add(n);
                    count.merge(n, 1, Integer::sum);
                }
            }
        }
        Set<String> out = new HashSet<>();
        Set<String> other = otherBindings(module);
        for (String n : simple) {
            if (count.get(n) == 1 && !writtenByFunctions.contains(n) && other != null
                    && !other.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Names bound at module level by anything but a top-level def, class or import (null: any name may be, as after
     * a nested import, del or match). A cheap over-approximation: any store target counts.
     */
    private static Set<String> otherBindings(Module module) {
        Set<String> out = new HashSet<>();
        final boolean[] any = {false};
        new Object() {
            void stmt(Stmt x) {
                if (x instanceof Stmt.Assign a) {
                    a.targets().forEach(this::target);
                } else if (x instanceof Stmt.AugAssign a) {
                    target(a.target());
                } else if (x instanceof Stmt.AnnAssign a) {
                    target(a.target());
                } else if (x instanceof Stmt.For f) {
                    target(f.target());
                    f.body().forEach(this::stmt);
                    f.orelse().forEach(this::stmt);
                } else if (x instanceof Stmt.While w) {
                    w.body().forEach(this::stmt);
                    w.orelse().forEach(this::stmt);
                } else if (x instanceof Stmt.If i) {
                    i.body().forEach(this::stmt);
                    i.orelse().forEach(this::stmt);
                } else if (x instanceof Stmt.With w) {
                    for (WithItem it : w.items()) {
                        if (it.optionalVars() != null) {
                            target(it.optionalVars());
                        }
                    }
                    w.body().forEach(this::stmt);
                } else if (x instanceof Stmt.Try t) {
                    t.body().forEach(this::stmt);
                    for (ExceptHandler h : t.handlers()) {
                        if (h.name() != null) {
                            out.add(h.name().name());
                        }
                        h.body().forEach(this::stmt);
                    }
                    t.orelse().forEach(this::stmt);
                    t.finalbody().forEach(this::stmt);
                } else if (x instanceof Stmt.FunctionDef f) {
                    out.add(f.name().name());
                } else if (x instanceof Stmt.ClassDef c) {
                    out.add(c.name().name());
                } else if (x instanceof Stmt.Import || x instanceof Stmt.ImportFrom || x instanceof Stmt.Delete
                        || x instanceof Stmt.Match) {
                    any[0] = true; // rare at module level; be conservative
                }
            }

            void target(Expr t) {
                if (t instanceof Expr.Name n) {
                    out.add(n.id());
                } else if (t instanceof Expr.TupleDisplay d) {
                    d.elts().forEach(this::target);
                } else if (t instanceof Expr.ListDisplay d) {
                    d.elts().forEach(this::target);
                } else if (t instanceof Expr.Starred st) {
                    target(st.value());
                }
            }

            void top() {
                for (Stmt s : module.body()) {
                    if (!(s instanceof Stmt.FunctionDef || s instanceof Stmt.ClassDef || s instanceof Stmt.Import)) {
                        stmt(s);
                    }
                }
            }
        }.top();
        return any[0] ? null : out;
    }
}
