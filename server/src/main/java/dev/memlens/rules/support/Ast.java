package dev.memlens.rules.support;

import dev.memlens.syntax.ast.*;
import dev.memlens.syntax.ast.Module;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Generic traversal of the AST records: the children of a node in source order, and a parent map. */
public final class Ast {
    private Ast() {
    }

    /** Children that are nodes, in evaluation-ish source order. Non-node helpers (Arguments, Comprehension...) are flattened. */
    public static List<Node> children(Node n) {
        List<Node> out = new ArrayList<>();
        children(n, out);
        return out;
    }

    /** {@link #children(Node)} appended to {@code out} (a walk over a whole file reuses one list). */
    public static void children(Node n, List<Node> out) {
        if (n instanceof Module m) {
            out.addAll(m.body());
        } else if (n instanceof Stmt s) {
            stmtChildren(s, out);
        } else if (n instanceof Expr e) {
            exprChildren(e, out);
        } else if (n instanceof Arg a) {
            add(out, a.annotation());
        } else if (n instanceof Keyword k) {
            add(out, k.value());
        } else if (n instanceof ExceptHandler h) {
            add(out, h.type());
            out.addAll(h.body());
        } else if (n instanceof Pattern p) {
            patternChildren(p, out);
        }
    }

    private static void add(List<Node> out, Node n) {
        if (n != null) {
            out.add(n);
        }
    }

    private static void addAll(List<Node> out, List<? extends Node> ns) {
        for (Node n : ns) {
            add(out, n);
        }
    }

    /** Defaults and annotations of a parameter list (evaluated in the enclosing scope). */
    public static void arguments(Arguments a, List<Node> out) {
        addAll(out, a.posonlyargs());
        addAll(out, a.args());
        add(out, a.vararg());
        addAll(out, a.kwonlyargs());
        add(out, a.kwarg());
        addAll(out, a.defaults());
        addAll(out, a.kwDefaults());
    }

    private static void comprehensions(List<Comprehension> gens, List<Node> out) {
        for (Comprehension c : gens) {
            add(out, c.iter());
            add(out, c.target());
            addAll(out, c.ifs());
        }
    }

    private static void stmtChildren(Stmt s, List<Node> out) {
        if (s instanceof Stmt.FunctionDef f) {
            addAll(out, f.decorators());
            arguments(f.args(), out);
            add(out, f.returns());
            addAll(out, f.body());
        } else if (s instanceof Stmt.ClassDef c) {
            addAll(out, c.decorators());
            addAll(out, c.bases());
            addAll(out, c.keywords());
            addAll(out, c.body());
        } else if (s instanceof Stmt.Return r) {
            add(out, r.value());
        } else if (s instanceof Stmt.Delete d) {
            addAll(out, d.targets());
        } else if (s instanceof Stmt.Assign a) {
            addAll(out, a.targets());
            add(out, a.value());
        } else if (s instanceof Stmt.TypeAlias t) {
            add(out, t.name());
            add(out, t.value());
        } else if (s instanceof Stmt.AugAssign a) {
            add(out, a.target());
            add(out, a.value());
        } else if (s instanceof Stmt.AnnAssign a) {
            add(out, a.target());
            add(out, a.annotation());
            add(out, a.value());
        } else if (s instanceof Stmt.For f) {
            add(out, f.target());
            add(out, f.iter());
            addAll(out, f.body());
            addAll(out, f.orelse());
        } else if (s instanceof Stmt.While w) {
            add(out, w.test());
            addAll(out, w.body());
            addAll(out, w.orelse());
        } else if (s instanceof Stmt.If i) {
            add(out, i.test());
            addAll(out, i.body());
            addAll(out, i.orelse());
        } else if (s instanceof Stmt.With w) {
            for (WithItem it : w.items()) {
                add(out, it.contextExpr());
                add(out, it.optionalVars());
            }
            addAll(out, w.body());
        } else if (s instanceof Stmt.Match m) {
            add(out, m.subject());
            for (MatchCase c : m.cases()) {
                add(out, c.pattern());
                add(out, c.guard());
                addAll(out, c.body());
            }
        } else if (s instanceof Stmt.Raise r) {
            add(out, r.exc());
            add(out, r.cause());
        } else if (s instanceof Stmt.Try t) {
            addAll(out, t.body());
            addAll(out, t.handlers());
            addAll(out, t.orelse());
            addAll(out, t.finalbody());
        } else if (s instanceof Stmt.Assert a) {
            add(out, a.test());
            add(out, a.msg());
        } else if (s instanceof Stmt.Expression e) {
            add(out, e.value());
        } else if (s instanceof Stmt.Import i) {
            addAll(out, i.names());
        } else if (s instanceof Stmt.ImportFrom i) {
            addAll(out, i.names());
        }
    }

    private static void exprChildren(Expr e, List<Node> out) {
        if (e instanceof Expr.BoolOp b) {
            addAll(out, b.values());
        } else if (e instanceof Expr.NamedExpr n) {
            add(out, n.value());
            add(out, n.target());
        } else if (e instanceof Expr.BinOp b) {
            add(out, b.left());
            add(out, b.right());
        } else if (e instanceof Expr.UnaryOp u) {
            add(out, u.operand());
        } else if (e instanceof Expr.Lambda l) {
            arguments(l.args(), out);
            add(out, l.body());
        } else if (e instanceof Expr.IfExp i) {
            add(out, i.test());
            add(out, i.body());
            add(out, i.orelse());
        } else if (e instanceof Expr.DictDisplay d) {
            for (int i = 0; i < d.values().size(); i++) {
                add(out, d.keys().get(i));
                add(out, d.values().get(i));
            }
        } else if (e instanceof Expr.SetDisplay s) {
            addAll(out, s.elts());
        } else if (e instanceof Expr.ListComp c) {
            comprehensions(c.generators(), out);
            add(out, c.elt());
        } else if (e instanceof Expr.SetComp c) {
            comprehensions(c.generators(), out);
            add(out, c.elt());
        } else if (e instanceof Expr.GeneratorExp c) {
            comprehensions(c.generators(), out);
            add(out, c.elt());
        } else if (e instanceof Expr.DictComp c) {
            comprehensions(c.generators(), out);
            add(out, c.key());
            add(out, c.value());
        } else if (e instanceof Expr.Await a) {
            add(out, a.value());
        } else if (e instanceof Expr.Yield y) {
            add(out, y.value());
        } else if (e instanceof Expr.YieldFrom y) {
            add(out, y.value());
        } else if (e instanceof Expr.Compare c) {
            add(out, c.left());
            addAll(out, c.comparators());
        } else if (e instanceof Expr.Call c) {
            add(out, c.func());
            addAll(out, c.args());
            addAll(out, c.keywords());
        } else if (e instanceof Expr.FormattedValue f) {
            add(out, f.value());
            add(out, f.formatSpec());
        } else if (e instanceof Expr.JoinedStr j) {
            addAll(out, j.values());
        } else if (e instanceof Expr.Interpolation i) {
            add(out, i.value());
            add(out, i.formatSpec());
        } else if (e instanceof Expr.TemplateStr t) {
            addAll(out, t.values());
        } else if (e instanceof Expr.Attribute a) {
            add(out, a.value());
        } else if (e instanceof Expr.Subscript s) {
            add(out, s.value());
            add(out, s.slice());
        } else if (e instanceof Expr.Starred s) {
            add(out, s.value());
        } else if (e instanceof Expr.ListDisplay l) {
            addAll(out, l.elts());
        } else if (e instanceof Expr.TupleDisplay t) {
            addAll(out, t.elts());
        } else if (e instanceof Expr.Slice s) {
            add(out, s.lower());
            add(out, s.upper());
            add(out, s.step());
        }
    }

    private static void patternChildren(Pattern p, List<Node> out) {
        if (p instanceof Pattern.MatchValue v) {
            add(out, v.value());
        } else if (p instanceof Pattern.MatchSequence s) {
            addAll(out, s.patterns());
        } else if (p instanceof Pattern.MatchMapping m) {
            addAll(out, m.keys());
            addAll(out, m.patterns());
        } else if (p instanceof Pattern.MatchClass c) {
            add(out, c.cls());
            addAll(out, c.patterns());
            addAll(out, c.kwdPatterns());
        } else if (p instanceof Pattern.MatchAs a) {
            add(out, a.pattern());
        } else if (p instanceof Pattern.MatchOr o) {
            addAll(out, o.patterns());
        }
    }

    /** Pre-order walk of n and everything below it. */
    public static void walk(Node n, Consumer<Node> visit) {
        visit.accept(n);
        for (Node c : children(n)) {
            walk(c, visit);
        }
    }

    /** Pre-order walk that does not descend into nested function, lambda and class bodies (but visits the nodes). */
    public static void walkSameScope(Node n, Consumer<Node> visit) {
        for (Node c : children(n)) {
            visit.accept(c);
            if (!(c instanceof Stmt.FunctionDef || c instanceof Stmt.ClassDef || c instanceof Expr.Lambda)) {
                walkSameScope(c, visit);
            }
        }
    }

    public static Map<Node, Node> parents(Module m) {
        Map<Node, Node> parents = new IdentityHashMap<>();
        fill(m, parents);
        return parents;
    }

    private static void fill(Node n, Map<Node, Node> parents) {
        for (Node c : children(n)) {
            parents.put(c, n);
            fill(c, parents);
        }
    }

    /**
     * The statement as an assignment: itself, or {@code x: T = v} seen as {@code x = v} (an annotated binding with a
     * value binds exactly like the plain one; the view keeps its span); null for anything else.
     */
    public static Stmt.Assign asAssign(Node n) {
        if (n instanceof Stmt.Assign a) {
            return a;
        }
        if (n instanceof Stmt.AnnAssign aa && aa.value() != null) {
            return new Stmt.Assign(aa.span(), List.of(aa.target()), aa.value());
        }
        return null;
    }

    /** The dotted name of {@code a.b.c} or {@code a}, or null for anything else. */
    public static String dotted(Expr e) {
        if (e instanceof Expr.Name n) {
            return n.id();
        }
        if (e instanceof Expr.Attribute a) {
            String base = dotted(a.value());
            return base == null ? null : base + "." + a.attr().name();
        }
        return null;
    }

    /** The block (statement list) that directly contains stmt, if the parent has one. */
    public static List<Stmt> blockOf(Stmt stmt, Node parent) {
        for (List<Stmt> block : blocks(parent)) {
            for (Stmt s : block) {
                if (s == stmt) {
                    return block;
                }
            }
        }
        return List.of();
    }

    /** The statement lists directly owned by a node. */
    public static List<List<Stmt>> blocks(Node n) {
        List<List<Stmt>> out = new ArrayList<>();
        if (n instanceof Module m) {
            out.add(m.body());
        } else if (n instanceof Stmt.FunctionDef f) {
            out.add(f.body());
        } else if (n instanceof Stmt.ClassDef c) {
            out.add(c.body());
        } else if (n instanceof Stmt.For f) {
            out.add(f.body());
            out.add(f.orelse());
        } else if (n instanceof Stmt.While w) {
            out.add(w.body());
            out.add(w.orelse());
        } else if (n instanceof Stmt.If i) {
            out.add(i.body());
            out.add(i.orelse());
        } else if (n instanceof Stmt.With w) {
            out.add(w.body());
        } else if (n instanceof Stmt.Try t) {
            out.add(t.body());
            out.add(t.orelse());
            out.add(t.finalbody());
        } else if (n instanceof ExceptHandler h) {
            out.add(h.body());
        } else if (n instanceof Stmt.Match m) {
            for (MatchCase c : m.cases()) {
                out.add(c.body());
            }
        }
        return out;
    }
}
