package dev.memlens.rules.support;

import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A syntactic scope tree: which names each scope binds, where, with what value, and where it reads them.
 * This is the rules' stop-gap for the semantics layer (same questions, answered from syntax alone); rules only
 * use the small API below so the semantic scope tree can replace it.
 */
public final class Scopes {

    public enum Kind { MODULE, CLASS, FUNCTION, LAMBDA, COMPREHENSION }

    public enum BindingKind { ASSIGN, AUGASSIGN, ANNOTATION, FOR, WITH, IMPORT, DEF, CLASS, PARAM, EXCEPT, DEL, MATCH, WALRUS, COMPREHENSION }

    /**
     * One binding of a name. {@code value} is the bound expression for {@code name = value} (also chained and
     * annotated), {@code point} the offset from which the binding holds (after the right side is evaluated).
     */
    public record Binding(String name, Node site, BindingKind kind, Expr value, Node stmt, int point) {}

    public static final class Scope {
        private final Kind kind;
        private final Node node;
        private final Scope parent;
        private final Map<String, List<Binding>> bindings = new LinkedHashMap<>();
        private final Set<String> globals = new LinkedHashSet<>();
        private final Set<String> nonlocals = new LinkedHashSet<>();
        private final List<Expr.Name> loads = new ArrayList<>();
        private final List<Scope> children = new ArrayList<>();

        Scope(Kind kind, Node node, Scope parent) {
            this.kind = kind;
            this.node = node;
            this.parent = parent;
            if (parent != null) {
                parent.children.add(this);
            }
        }

        public Kind kind() {
            return kind;
        }

        public Node node() {
            return node;
        }

        public Scope parent() {
            return parent;
        }

        public List<Scope> children() {
            return children;
        }

        public Map<String, List<Binding>> bindings() {
            return bindings;
        }

        public List<Binding> bindings(String name) {
            return bindings.getOrDefault(name, List.of());
        }

        public Set<String> globals() {
            return globals;
        }

        public Set<String> nonlocals() {
            return nonlocals;
        }

        /** Names read in this scope (not in nested scopes), in source order. */
        public List<Expr.Name> loads() {
            return loads;
        }

        /** True when name is a local of this scope (bound here, not declared global/nonlocal). */
        public boolean isLocal(String name) {
            return bindings.containsKey(name) && !globals.contains(name) && !nonlocals.contains(name);
        }

        public boolean isFunctionLike() {
            return kind == Kind.FUNCTION || kind == Kind.LAMBDA;
        }

        /** The single binding of a local name whose only binding is {@code name = value}, else null. */
        public Binding soleAssignment(String name) {
            if (!isLocal(name)) {
                return null;
            }
            List<Binding> bs = bindings(name);
            if (bs.size() != 1 || bs.get(0).value() == null || bs.get(0).kind() != BindingKind.ASSIGN
                    && bs.get(0).kind() != BindingKind.ANNOTATION) {
                return null;
            }
            return bs.get(0);
        }
    }

    private final Scope module;
    private final Map<Node, Scope> scopeOfNode = new IdentityHashMap<>();

    private Scopes(Module m) {
        module = new Scope(Kind.MODULE, m, null);
        scopeOfNode.put(m, module);
        new Builder().body(m.body(), module);
    }

    public static Scopes of(Module m) {
        return new Scopes(m);
    }

    public Scope module() {
        return module;
    }

    /** The scope a def/class/lambda/comprehension node opens, or the module scope for the module. */
    public Scope scopeOpenedBy(Node n) {
        return scopeOfNode.get(n);
    }

    /** All scopes, pre-order. */
    public List<Scope> all() {
        List<Scope> out = new ArrayList<>();
        collect(module, out);
        return out;
    }

    private static void collect(Scope s, List<Scope> out) {
        out.add(s);
        for (Scope c : s.children) {
            collect(c, out);
        }
    }

    /** The scope whose code contains offset-wise the given name load (searched among the recorded loads). */
    public Scope scopeOfLoad(Expr.Name load) {
        return loadScope.get(load);
    }

    private final Map<Expr.Name, Scope> loadScope = new IdentityHashMap<>();

    private final class Builder {

        void body(List<Stmt> stmts, Scope s) {
            for (Stmt st : stmts) {
                stmt(st, s);
            }
        }

        void bind(Scope s, String name, Node site, BindingKind kind, Expr value, Node stmt, int point) {
            s.bindings.computeIfAbsent(name, k -> new ArrayList<>()).add(new Binding(name, site, kind, value, stmt, point));
        }

        /** Binds every name in an assignment target; also visits the loads inside it (subscripts, attributes). */
        void target(Expr t, Scope s, BindingKind kind, Expr value, Node stmt, int point) {
            if (t instanceof Expr.Name n) {
                bind(s, n.id(), n, kind, value, stmt, point);
            } else if (t instanceof Expr.TupleDisplay tu) {
                for (Expr e : tu.elts()) {
                    target(e, s, kind, null, stmt, point);
                }
            } else if (t instanceof Expr.ListDisplay l) {
                for (Expr e : l.elts()) {
                    target(e, s, kind, null, stmt, point);
                }
            } else if (t instanceof Expr.Starred st) {
                target(st.value(), s, kind, null, stmt, point);
            } else {
                expr(t, s);
            }
        }

        void stmt(Stmt st, Scope s) {
            if (st instanceof Stmt.FunctionDef f) {
                for (Expr d : f.decorators()) {
                    expr(d, s);
                }
                argumentsOuter(f.args(), s);
                if (f.returns() != null) {
                    expr(f.returns(), s);
                }
                Scope inner = new Scope(Kind.FUNCTION, f, s);
                scopeOfNode.put(f, inner);
                params(f.args(), inner, f);
                body(f.body(), inner);
                bind(s, f.name().name(), f.name(), BindingKind.DEF, null, f, f.span().end());
            } else if (st instanceof Stmt.ClassDef c) {
                for (Expr d : c.decorators()) {
                    expr(d, s);
                }
                for (Expr b : c.bases()) {
                    expr(b, s);
                }
                for (Keyword k : c.keywords()) {
                    expr(k.value(), s);
                }
                Scope inner = new Scope(Kind.CLASS, c, s);
                scopeOfNode.put(c, inner);
                body(c.body(), inner);
                bind(s, c.name().name(), c.name(), BindingKind.CLASS, null, c, c.span().end());
            } else if (st instanceof Stmt.Assign a) {
                expr(a.value(), s);
                for (Expr t : a.targets()) {
                    target(t, s, BindingKind.ASSIGN, a.value(), a, a.span().end());
                }
            } else if (st instanceof Stmt.AugAssign a) {
                expr(a.value(), s);
                if (a.target() instanceof Expr.Name n) {
                    // x += 1 reads x first: the target is recorded among the loads too
                    s.loads.add(n);
                    loadScope.put(n, s);
                    bind(s, n.id(), n, BindingKind.AUGASSIGN, null, a, a.span().end());
                } else {
                    expr(a.target(), s);
                }
            } else if (st instanceof Stmt.AnnAssign a) {
                if (a.value() != null) {
                    expr(a.value(), s);
                }
                if (s.kind != Kind.FUNCTION) {
                    expr(a.annotation(), s);
                }
                if (a.target() instanceof Expr.Name n) {
                    // a bare annotation `x: int` makes x local without binding it
                    bind(s, n.id(), n, a.value() == null ? BindingKind.ANNOTATION : BindingKind.ASSIGN, a.value(), a,
                            a.value() == null ? Integer.MAX_VALUE : a.span().end());
                } else {
                    expr(a.target(), s);
                }
            } else if (st instanceof Stmt.For f) {
                expr(f.iter(), s);
                target(f.target(), s, BindingKind.FOR, null, f, f.iter().span().end());
                body(f.body(), s);
                body(f.orelse(), s);
            } else if (st instanceof Stmt.With w) {
                for (WithItem it : w.items()) {
                    expr(it.contextExpr(), s);
                    if (it.optionalVars() != null) {
                        target(it.optionalVars(), s, BindingKind.WITH, null, w, it.optionalVars().span().end());
                    }
                }
                body(w.body(), s);
            } else if (st instanceof Stmt.Import i) {
                for (Alias al : i.names()) {
                    String name = al.asname() != null ? al.asname().name() : al.name().split("\\.")[0];
                    bind(s, name, al, BindingKind.IMPORT, null, i, i.span().end());
                }
            } else if (st instanceof Stmt.ImportFrom i) {
                for (Alias al : i.names()) {
                    if (al.name().equals("*")) {
                        continue;
                    }
                    String name = al.asname() != null ? al.asname().name() : al.name();
                    bind(s, name, al, BindingKind.IMPORT, null, i, i.span().end());
                }
            } else if (st instanceof Stmt.Global g) {
                for (Identifier id : g.names()) {
                    s.globals.add(id.name());
                }
            } else if (st instanceof Stmt.Nonlocal nl) {
                for (Identifier id : nl.names()) {
                    s.nonlocals.add(id.name());
                }
            } else if (st instanceof Stmt.Delete d) {
                for (Expr t : d.targets()) {
                    if (t instanceof Expr.Name n) {
                        bind(s, n.id(), n, BindingKind.DEL, null, d, d.span().end());
                    } else {
                        target(t, s, BindingKind.DEL, null, d, d.span().end());
                    }
                }
            } else if (st instanceof Stmt.Try t) {
                body(t.body(), s);
                for (ExceptHandler h : t.handlers()) {
                    if (h.type() != null) {
                        expr(h.type(), s);
                    }
                    if (h.name() != null) {
                        bind(s, h.name().name(), h.name(), BindingKind.EXCEPT, null, h, h.name().span().end());
                    }
                    body(h.body(), s);
                }
                body(t.orelse(), s);
                body(t.finalbody(), s);
            } else if (st instanceof Stmt.Match m) {
                expr(m.subject(), s);
                for (MatchCase c : m.cases()) {
                    pattern(c.pattern(), s, m);
                    if (c.guard() != null) {
                        expr(c.guard(), s);
                    }
                    body(c.body(), s);
                }
            } else if (st instanceof Stmt.TypeAlias ta) {
                expr(ta.value(), s);
                bind(s, ta.name().id(), ta.name(), BindingKind.ASSIGN, null, ta, ta.span().end());
            } else {
                for (Node c : Ast.children(st)) {
                    if (c instanceof Stmt cs) {
                        stmt(cs, s);
                    } else if (c instanceof Expr ce) {
                        expr(ce, s);
                    }
                }
            }
        }

        void pattern(Pattern p, Scope s, Stmt.Match m) {
            if (p instanceof Pattern.MatchAs a && a.name() != null) {
                bind(s, a.name().name(), a.name(), BindingKind.MATCH, null, m, a.span().end());
            } else if (p instanceof Pattern.MatchStar st && st.name() != null) {
                bind(s, st.name().name(), st.name(), BindingKind.MATCH, null, m, st.span().end());
            } else if (p instanceof Pattern.MatchMapping mm && mm.rest() != null) {
                bind(s, mm.rest().name(), mm.rest(), BindingKind.MATCH, null, m, mm.span().end());
            }
            for (Node c : Ast.children(p)) {
                if (c instanceof Pattern cp) {
                    pattern(cp, s, m);
                } else if (c instanceof Expr e) {
                    expr(e, s);
                }
            }
        }

        void argumentsOuter(Arguments a, Scope s) {
            for (Expr d : a.defaults()) {
                expr(d, s);
            }
            for (Expr d : a.kwDefaults()) {
                if (d != null) {
                    expr(d, s);
                }
            }
            if (s.kind != Kind.FUNCTION) {
                List<Arg> all = new ArrayList<>(a.posonlyargs());
                all.addAll(a.args());
                all.addAll(a.kwonlyargs());
                if (a.vararg() != null) {
                    all.add(a.vararg());
                }
                if (a.kwarg() != null) {
                    all.add(a.kwarg());
                }
                for (Arg arg : all) {
                    if (arg.annotation() != null) {
                        expr(arg.annotation(), s);
                    }
                }
            }
        }

        void params(Arguments a, Scope inner, Node owner) {
            List<Arg> all = new ArrayList<>(a.posonlyargs());
            all.addAll(a.args());
            if (a.vararg() != null) {
                all.add(a.vararg());
            }
            all.addAll(a.kwonlyargs());
            if (a.kwarg() != null) {
                all.add(a.kwarg());
            }
            for (Arg arg : all) {
                bind(inner, arg.name(), arg, BindingKind.PARAM, null, owner, 0);
            }
        }

        void expr(Expr e, Scope s) {
            if (e == null) {
                return;
            }
            if (e instanceof Expr.Name n) {
                if (n.ctx() == Ctx.LOAD) {
                    s.loads.add(n);
                    loadScope.put(n, s);
                } else {
                    bind(s, n.id(), n, n.ctx() == Ctx.DEL ? BindingKind.DEL : BindingKind.ASSIGN, null, n, n.span().end());
                }
                return;
            }
            if (e instanceof Expr.Lambda l) {
                argumentsOuter(l.args(), s);
                Scope inner = new Scope(Kind.LAMBDA, l, s);
                scopeOfNode.put(l, inner);
                params(l.args(), inner, l);
                expr(l.body(), inner);
                return;
            }
            if (e instanceof Expr.NamedExpr ne) {
                expr(ne.value(), s);
                Scope target = s;
                while (target.kind == Kind.COMPREHENSION) {
                    target = target.parent;
                }
                bind(target, ne.target().id(), ne.target(), BindingKind.WALRUS, ne.value(), ne, ne.span().end());
                return;
            }
            List<Comprehension> gens = null;
            if (e instanceof Expr.ListComp c) {
                gens = c.generators();
            } else if (e instanceof Expr.SetComp c) {
                gens = c.generators();
            } else if (e instanceof Expr.GeneratorExp c) {
                gens = c.generators();
            } else if (e instanceof Expr.DictComp c) {
                gens = c.generators();
            }
            if (gens != null) {
                expr(gens.get(0).iter(), s);
                Scope inner = new Scope(Kind.COMPREHENSION, e, s);
                scopeOfNode.put(e, inner);
                for (int i = 0; i < gens.size(); i++) {
                    Comprehension c = gens.get(i);
                    if (i > 0) {
                        expr(c.iter(), inner);
                    }
                    target(c.target(), inner, BindingKind.COMPREHENSION, null, e, c.iter().span().end());
                    for (Expr cond : c.ifs()) {
                        expr(cond, inner);
                    }
                }
                if (e instanceof Expr.DictComp d) {
                    expr(d.key(), inner);
                    expr(d.value(), inner);
                } else if (e instanceof Expr.ListComp c) {
                    expr(c.elt(), inner);
                } else if (e instanceof Expr.SetComp c) {
                    expr(c.elt(), inner);
                } else if (e instanceof Expr.GeneratorExp c) {
                    expr(c.elt(), inner);
                }
                return;
            }
            for (Node c : Ast.children(e)) {
                if (c instanceof Expr ce) {
                    expr(ce, s);
                } else if (c instanceof Keyword k) {
                    expr(k.value(), s);
                }
            }
        }
    }
}
