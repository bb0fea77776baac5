package dev.memlens.analysis;

import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scope each name belongs to, computed from the AST the way CPython's symtable does. A stop-gap the
 * interpreter uses until the {@code semantics} branch's scope tree is merged; it answers only what the interpreter
 * asks: is a name local to a body, a global, or a free variable of which enclosing function.
 */
public final class ScopeTable {
    public enum Kind { MODULE, FUNCTION, CLASS, COMPREHENSION }

    public enum Resolution { LOCAL, GLOBAL, FREE }

    /** One scope. {@code node} is the Module, FunctionDef, Lambda, ClassDef or comprehension expression. */
    public static final class Scope {
        public final Node node;
        public final Kind kind;
        public final Scope parent;
        public final String qualname;
        final Set<String> bound = new LinkedHashSet<>();
        final Set<String> globals = new HashSet<>();
        final Set<String> nonlocals = new HashSet<>();
        final Set<String> used = new HashSet<>();
        final List<Scope> children = new ArrayList<>();
        boolean hasDynamicLocals;

        Scope(Node node, Kind kind, Scope parent, String qualname) {
            this.node = node;
            this.kind = kind;
            this.parent = parent;
            this.qualname = qualname;
        }

        public boolean isLocal(String name) {
            return bound.contains(name) && !globals.contains(name) && !nonlocals.contains(name);
        }

        public Set<String> locals() {
            Set<String> s = new LinkedHashSet<>();
            for (String n : bound) {
                if (isLocal(n)) {
                    s.add(n);
                }
            }
            return s;
        }

        /** Names declared {@code global} in this scope. */
        public Set<String> declaredGlobal() {
            return globals;
        }
    }

    private final IdentityHashMap<Node, Scope> scopes = new IdentityHashMap<>();
    private final IdentityHashMap<Object, Scope> byComprehension = new IdentityHashMap<>();
    private final Scope module;

    public ScopeTable(Module m) {
        module = new Scope(m, Kind.MODULE, null, "<module>");
        scopes.put(m, module);
        new Collector(module).stmts(m.body());
    }

    public Scope module() {
        return module;
    }

    public Scope of(Node n) {
        return scopes.get(n);
    }

    /** Where a name used in scope {@code s} lives; for FREE, {@link #definingScope} tells which function. */
    public Resolution resolve(Scope s, String name) {
        if (s.kind == Kind.MODULE) {
            return Resolution.GLOBAL;
        }
        if (s.globals.contains(name)) {
            return Resolution.GLOBAL;
        }
        if (s.nonlocals.contains(name)) {
            return Resolution.FREE;
        }
        if (s.bound.contains(name)) {
            return Resolution.LOCAL;
        }
        return definingScope(s, name) == null ? Resolution.GLOBAL : Resolution.FREE;
    }

    /** The enclosing function (or comprehension) scope whose local {@code name} is, skipping class bodies. */
    public Scope definingScope(Scope s, String name) {
        for (Scope p = s.parent; p != null && p.kind != Kind.MODULE; p = p.parent) {
            if (p.kind == Kind.CLASS) {
                continue;
            }
            if (p.globals.contains(name)) {
                return null;
            }
            if (p.bound.contains(name) && !p.nonlocals.contains(name)) {
                return p;
            }
        }
        return null;
    }

    /** Binding and use collection, one instance per scope. */
    private final class Collector {
        final Scope scope;

        Collector(Scope scope) {
            this.scope = scope;
        }

        Scope child(Node n, Kind kind, String name) {
            String q = scope.kind == Kind.MODULE ? name
                    : scope.kind == Kind.CLASS ? scope.qualname + "." + name
                    : scope.qualname + ".<locals>." + name;
            Scope c = new Scope(n, kind, scope, q);
            scopes.put(n, c);
            scope.children.add(c);
            return c;
        }

        void bind(String name) {
            scope.bound.add(name);
        }

        void stmts(List<Stmt> body) {
            for (Stmt s : body) {
                stmt(s);
            }
        }

        void args(Arguments a, Collector inner) {
            for (Expr d : a.defaults()) {
                expr(d);
            }
            for (Expr d : a.kwDefaults()) {
                if (d != null) {
                    expr(d);
                }
            }
            for (Arg x : a.posonlyargs()) {
                inner.bind(x.name());
            }
            for (Arg x : a.args()) {
                inner.bind(x.name());
            }
            for (Arg x : a.kwonlyargs()) {
                inner.bind(x.name());
            }
            if (a.vararg() != null) {
                inner.bind(a.vararg().name());
            }
            if (a.kwarg() != null) {
                inner.bind(a.kwarg().name());
            }
        }

        void stmt(Stmt s) {
            if (s instanceof Stmt.FunctionDef f) {
                f.decorators().forEach(this::expr);
                Scope c = child(f, Kind.FUNCTION, f.name().name());
                Collector in = new Collector(c);
                args(f.args(), in);
                in.stmts(f.body());
                bind(f.name().name());
            } else if (s instanceof Stmt.ClassDef c) {
                c.decorators().forEach(this::expr);
                c.bases().forEach(this::expr);
                c.keywords().forEach(k -> expr(k.value()));
                Scope cs = child(c, Kind.CLASS, c.name().name());
                new Collector(cs).stmts(c.body());
                bind(c.name().name());
            } else if (s instanceof Stmt.Return r) {
                if (r.value() != null) {
                    expr(r.value());
                }
            } else if (s instanceof Stmt.Delete d) {
                d.targets().forEach(this::target);
            } else if (s instanceof Stmt.Assign a) {
                expr(a.value());
                a.targets().forEach(this::target);
            } else if (s instanceof Stmt.TypeAlias t) {
                bind(t.name().id());
                expr(t.value());
            } else if (s instanceof Stmt.AugAssign a) {
                expr(a.value());
                target(a.target());
                if (a.target() instanceof Expr.Name n) {
                    scope.used.add(n.id());
                }
            } else if (s instanceof Stmt.AnnAssign a) {
                if (a.value() != null) {
                    expr(a.value());
                    target(a.target());
                } else if (a.target() instanceof Expr.Name n && a.simple()) {
                    bind(n.id());
                }
            } else if (s instanceof Stmt.For f) {
                expr(f.iter());
                target(f.target());
                stmts(f.body());
                stmts(f.orelse());
            } else if (s instanceof Stmt.While w) {
                expr(w.test());
                stmts(w.body());
                stmts(w.orelse());
            } else if (s instanceof Stmt.If i) {
                expr(i.test());
                stmts(i.body());
                stmts(i.orelse());
            } else if (s instanceof Stmt.With w) {
                for (WithItem it : w.items()) {
                    expr(it.contextExpr());
                    if (it.optionalVars() != null) {
                        target(it.optionalVars());
                    }
                }
                stmts(w.body());
            } else if (s instanceof Stmt.Match m) {
                expr(m.subject());
                for (MatchCase c : m.cases()) {
                    pattern(c.pattern());
                    if (c.guard() != null) {
                        expr(c.guard());
                    }
                    stmts(c.body());
                }
            } else if (s instanceof Stmt.Raise r) {
                if (r.exc() != null) {
                    expr(r.exc());
                }
                if (r.cause() != null) {
                    expr(r.cause());
                }
            } else if (s instanceof Stmt.Try t) {
                stmts(t.body());
                for (ExceptHandler h : t.handlers()) {
                    if (h.type() != null) {
                        expr(h.type());
                    }
                    if (h.name() != null) {
                        bind(h.name().name());
                    }
                    stmts(h.body());
                }
                stmts(t.orelse());
                stmts(t.finalbody());
            } else if (s instanceof Stmt.Assert a) {
                expr(a.test());
                if (a.msg() != null) {
                    expr(a.msg());
                }
            } else if (s instanceof Stmt.Import i) {
                for (Alias al : i.names()) {
                    bind(al.asname() != null ? al.asname().name() : al.name().split("\\.")[0]);
                }
            } else if (s instanceof Stmt.ImportFrom i) {
                for (Alias al : i.names()) {
                    if (al.name().equals("*")) {
                        scope.hasDynamicLocals = true;
                    } else {
                        bind(al.asname() != null ? al.asname().name() : al.name());
                    }
                }
            } else if (s instanceof Stmt.Global g) {
                g.names().forEach(n -> scope.globals.add(n.name()));
            } else if (s instanceof Stmt.Nonlocal g) {
                g.names().forEach(n -> scope.nonlocals.add(n.name()));
            } else if (s instanceof Stmt.Expression e) {
                expr(e.value());
            } else if (s instanceof Stmt.Pass p) {
            } else if (s instanceof Stmt.Break b) {
            } else if (s instanceof Stmt.Continue c) {
            } else if (s instanceof Stmt.Invalid i) {
            }
        }

        void pattern(Pattern p) {
            if (p instanceof Pattern.MatchValue v) {
                expr(v.value());
            } else if (p instanceof Pattern.MatchSingleton s) {
            } else if (p instanceof Pattern.MatchSequence s) {
                s.patterns().forEach(this::pattern);
            } else if (p instanceof Pattern.MatchMapping m) {
                m.keys().forEach(this::expr);
                m.patterns().forEach(this::pattern);
                if (m.rest() != null) {
                    bind(m.rest().name());
                }
            } else if (p instanceof Pattern.MatchClass c) {
                expr(c.cls());
                c.patterns().forEach(this::pattern);
                c.kwdPatterns().forEach(this::pattern);
            } else if (p instanceof Pattern.MatchStar s) {
                if (s.name() != null) {
                    bind(s.name().name());
                }
            } else if (p instanceof Pattern.MatchAs a) {
                if (a.pattern() != null) {
                    pattern(a.pattern());
                }
                if (a.name() != null) {
                    bind(a.name().name());
                }
            } else if (p instanceof Pattern.MatchOr o) {
                o.patterns().forEach(this::pattern);
            }
        }

        void target(Expr t) {
            if (t instanceof Expr.Name n) {
                bind(n.id());
            } else if (t instanceof Expr.TupleDisplay d) {
                d.elts().forEach(this::target);
            } else if (t instanceof Expr.ListDisplay d) {
                d.elts().forEach(this::target);
            } else if (t instanceof Expr.Starred s) {
                target(s.value());
            } else {
                expr(t);
            }
        }

        /** The function scope a walrus in a comprehension binds in (PEP 572). */
        Scope walrusScope() {
            Scope s = scope;
            while (s.kind == Kind.COMPREHENSION) {
                s = s.parent;
            }
            return s;
        }

        void comprehension(Expr node, List<Comprehension> gens, List<Expr> results) {
            // the first iterable is evaluated in the enclosing scope
            expr(gens.get(0).iter());
            Scope c = child(node, Kind.COMPREHENSION, node instanceof Expr.ListComp ? "<listcomp>"
                    : node instanceof Expr.SetComp ? "<setcomp>"
                    : node instanceof Expr.DictComp ? "<dictcomp>" : "<genexpr>");
            Collector in = new Collector(c);
            for (int i = 0; i < gens.size(); i++) {
                Comprehension g = gens.get(i);
                if (i > 0) {
                    in.expr(g.iter());
                }
                in.target(g.target());
                g.ifs().forEach(in::expr);
            }
            results.forEach(in::expr);
        }

        void expr(Expr e) {
            if (e == null) {
                return;
            }
            if (e instanceof Expr.Name n) {
                if (n.ctx() == Ctx.LOAD) {
                    scope.used.add(n.id());
                } else {
                    bind(n.id());
                }
            } else if (e instanceof Expr.NamedExpr w) {
                expr(w.value());
                Scope target = walrusScope();
                target.bound.add(w.target().id());
                if (target != scope) {
                    for (Scope s = scope; s != target; s = s.parent) {
                        s.nonlocals.add(w.target().id());
                    }
                    if (target.kind == Kind.MODULE) {
                        for (Scope s = scope; s != target; s = s.parent) {
                            s.globals.add(w.target().id());
                        }
                    }
                }
            } else if (e instanceof Expr.Lambda l) {
                Scope c = child(l, Kind.FUNCTION, "<lambda>");
                Collector in = new Collector(c);
                args(l.args(), in);
                in.expr(l.body());
            } else if (e instanceof Expr.ListComp c) {
                comprehension(c, c.generators(), List.of(c.elt()));
            } else if (e instanceof Expr.SetComp c) {
                comprehension(c, c.generators(), List.of(c.elt()));
            } else if (e instanceof Expr.GeneratorExp c) {
                comprehension(c, c.generators(), List.of(c.elt()));
            } else if (e instanceof Expr.DictComp c) {
                comprehension(c, c.generators(), List.of(c.key(), c.value()));
            } else if (e instanceof Expr.BoolOp b) {
                b.values().forEach(this::expr);
            } else if (e instanceof Expr.BinOp b) {
                expr(b.left());
                expr(b.right());
            } else if (e instanceof Expr.UnaryOp u) {
                expr(u.operand());
            } else if (e instanceof Expr.IfExp i) {
                expr(i.test());
                expr(i.body());
                expr(i.orelse());
            } else if (e instanceof Expr.DictDisplay d) {
                d.keys().forEach(this::expr);
                d.values().forEach(this::expr);
            } else if (e instanceof Expr.SetDisplay d) {
                d.elts().forEach(this::expr);
            } else if (e instanceof Expr.Await a) {
                expr(a.value());
            } else if (e instanceof Expr.Yield y) {
                expr(y.value());
            } else if (e instanceof Expr.YieldFrom y) {
                expr(y.value());
            } else if (e instanceof Expr.Compare c) {
                expr(c.left());
                c.comparators().forEach(this::expr);
            } else if (e instanceof Expr.Call c) {
                expr(c.func());
                c.args().forEach(this::expr);
                c.keywords().forEach(k -> expr(k.value()));
                if (c.func() instanceof Expr.Name n && (n.id().equals("locals") || n.id().equals("exec")
                        || n.id().equals("eval") || n.id().equals("vars"))) {
                    scope.hasDynamicLocals = true;
                }
            } else if (e instanceof Expr.FormattedValue f) {
                expr(f.value());
                expr(f.formatSpec());
            } else if (e instanceof Expr.JoinedStr j) {
                j.values().forEach(this::expr);
            } else if (e instanceof Expr.Constant c) {
            } else if (e instanceof Expr.Attribute a) {
                expr(a.value());
            } else if (e instanceof Expr.Subscript s) {
                expr(s.value());
                expr(s.slice());
            } else if (e instanceof Expr.Starred s) {
                expr(s.value());
            } else if (e instanceof Expr.ListDisplay d) {
                d.elts().forEach(this::expr);
            } else if (e instanceof Expr.TupleDisplay d) {
                d.elts().forEach(this::expr);
            } else if (e instanceof Expr.Slice s) {
                expr(s.lower());
                expr(s.upper());
                expr(s.step());
            } else if (e instanceof Expr.Invalid i) {
            }
        }
    }
}
