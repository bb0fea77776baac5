package dev.memlens.syntax;

import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.ExceptHandler;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.MatchCase;
import dev.memlens.syntax.ast.Module;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.TypeParam;
import dev.memlens.syntax.ast.WithItem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one generic traversal of the AST. {@link #children(Node)} gives a node's direct child nodes in source order;
 * containers that are not nodes themselves (Arguments, Comprehension, WithItem, MatchCase) are flattened into their
 * parent. {@link #preorder(Node, Consumer)} visits a whole tree without recursion, so deep trees cannot overflow
 * the stack.
 */
public final class AstWalker {
    private AstWalker() {
    }

    /** Visits {@code root} and every node below it, parents before children, in source order. */
    public static void preorder(Node root, Consumer<Node> visitor) {
        ArrayDeque<Node> todo = new ArrayDeque<>();
        // one list for every node's children: the walk runs over whole files on every edit
        List<Node> kids = new ArrayList<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            visitor.accept(n);
            kids.clear();
            children(n, kids);
            for (int i = kids.size() - 1; i >= 0; i--) {
                todo.push(kids.get(i));
            }
        }
    }

    /**
     * Visits every statement of {@code body} and of the bodies nested in it (functions, classes, branches, loops,
     * handlers, cases), in source order, without looking into expressions: statements only live in bodies.
     */
    public static void statements(List<Stmt> body, Consumer<Stmt> visitor) {
        for (Stmt s : body) {
            visitor.accept(s);
            for (List<Stmt> b : blocks(s)) {
                statements(b, visitor);
            }
        }
    }

    /** The statement lists a statement owns directly, in source order (empty for a simple statement). */
    public static List<List<Stmt>> blocks(Stmt s) {
        if (s instanceof Stmt.FunctionDef f) {
            return List.of(f.body());
        } else if (s instanceof Stmt.ClassDef c) {
            return List.of(c.body());
        } else if (s instanceof Stmt.For f) {
            return List.of(f.body(), f.orelse());
        } else if (s instanceof Stmt.While w) {
            return List.of(w.body(), w.orelse());
        } else if (s instanceof Stmt.If i) {
            return List.of(i.body(), i.orelse());
        } else if (s instanceof Stmt.With w) {
            return List.of(w.body());
        } else if (s instanceof Stmt.Try t) {
            List<List<Stmt>> l = new ArrayList<>();
            l.add(t.body());
            t.handlers().forEach(h -> l.add(h.body()));
            l.add(t.orelse());
            l.add(t.finalbody());
            return l;
        } else if (s instanceof Stmt.Match m) {
            List<List<Stmt>> l = new ArrayList<>();
            m.cases().forEach(c -> l.add(c.body()));
            return l;
        }
        return List.of();
    }

    /** The direct child nodes of a node, in source order. */
    public static List<Node> children(Node node) {
        List<Node> out = new ArrayList<>();
        children(node, out);
        return out;
    }

    /** Appends the direct child nodes of a node to {@code out}, in source order (a walk reuses one list). */
    public static void children(Node node, List<Node> out) {
        Kids k = new Kids(out);
        if (node instanceof Module m) {
            k.all(m.body());
        } else if (node instanceof Stmt s) {
            stmt(s, k);
        } else if (node instanceof Expr e) {
            expr(e, k);
        } else if (node instanceof Pattern p) {
            pattern(p, k);
        } else if (node instanceof TypeParam tp) {
            k.add(tp.name());
            if (tp instanceof TypeParam.TypeVar tv) {
                k.add(tv.bound());
                k.add(tv.defaultValue());
            } else if (tp instanceof TypeParam.ParamSpec ps) {
                k.add(ps.defaultValue());
            } else if (tp instanceof TypeParam.TypeVarTuple tt) {
                k.add(tt.defaultValue());
            }
        } else if (node instanceof Arg a) {
            k.add(a.annotation());
        } else if (node instanceof Keyword kw) {
            k.add(kw.arg());
            k.add(kw.value());
        } else if (node instanceof Alias a) {
            k.add(a.asname());
        } else if (node instanceof ExceptHandler h) {
            k.add(h.type());
            k.add(h.name());
            k.all(h.body());
        }
    }

    /** Collects children, skipping the nulls of optional components. */
    private record Kids(List<Node> out) {
        void add(Node n) {
            if (n != null) {
                out.add(n);
            }
        }

        void all(List<? extends Node> ns) {
            for (Node n : ns) {
                add(n);
            }
        }
    }

    private static void stmt(Stmt s, Kids k) {
        if (s instanceof Stmt.FunctionDef f) {
            k.all(f.decorators());
            k.add(f.name());
            k.all(f.typeParams());
            arguments(f.args(), k);
            k.add(f.returns());
            k.all(f.body());
        } else if (s instanceof Stmt.ClassDef c) {
            k.all(c.decorators());
            k.add(c.name());
            k.all(c.typeParams());
            k.all(bySource(c.bases(), c.keywords()));
            k.all(c.body());
        } else if (s instanceof Stmt.Return r) {
            k.add(r.value());
        } else if (s instanceof Stmt.Delete d) {
            k.all(d.targets());
        } else if (s instanceof Stmt.Assign a) {
            k.all(a.targets());
            k.add(a.value());
        } else if (s instanceof Stmt.TypeAlias t) {
            k.add(t.name());
            k.all(t.typeParams());
            k.add(t.value());
        } else if (s instanceof Stmt.AugAssign a) {
            k.add(a.target());
            k.add(a.value());
        } else if (s instanceof Stmt.AnnAssign a) {
            k.add(a.target());
            k.add(a.annotation());
            k.add(a.value());
        } else if (s instanceof Stmt.For f) {
            k.add(f.target());
            k.add(f.iter());
            k.all(f.body());
            k.all(f.orelse());
        } else if (s instanceof Stmt.While w) {
            k.add(w.test());
            k.all(w.body());
            k.all(w.orelse());
        } else if (s instanceof Stmt.If i) {
            k.add(i.test());
            k.all(i.body());
            k.all(i.orelse());
        } else if (s instanceof Stmt.With w) {
            for (WithItem it : w.items()) {
                k.add(it.contextExpr());
                k.add(it.optionalVars());
            }
            k.all(w.body());
        } else if (s instanceof Stmt.Match m) {
            k.add(m.subject());
            for (MatchCase c : m.cases()) {
                k.add(c.pattern());
                k.add(c.guard());
                k.all(c.body());
            }
        } else if (s instanceof Stmt.Raise r) {
            k.add(r.exc());
            k.add(r.cause());
        } else if (s instanceof Stmt.Try t) {
            k.all(t.body());
            k.all(t.handlers());
            k.all(t.orelse());
            k.all(t.finalbody());
        } else if (s instanceof Stmt.Assert a) {
            k.add(a.test());
            k.add(a.msg());
        } else if (s instanceof Stmt.Import i) {
            k.all(i.names());
        } else if (s instanceof Stmt.ImportFrom i) {
            k.add(i.module());
            k.all(i.names());
        } else if (s instanceof Stmt.Global g) {
            k.all(g.names());
        } else if (s instanceof Stmt.Nonlocal n) {
            k.all(n.names());
        } else if (s instanceof Stmt.Expression e) {
            k.add(e.value());
        }
    }

    private static void arguments(Arguments a, Kids k) {
        List<Arg> positional = new ArrayList<>(a.posonlyargs());
        positional.addAll(a.args());
        int firstDefault = positional.size() - a.defaults().size();
        for (int i = 0; i < positional.size(); i++) {
            k.add(positional.get(i));
            if (i >= firstDefault) {
                k.add(a.defaults().get(i - firstDefault));
            }
        }
        k.add(a.vararg());
        for (int i = 0; i < a.kwonlyargs().size(); i++) {
            k.add(a.kwonlyargs().get(i));
            if (i < a.kwDefaults().size()) {
                k.add(a.kwDefaults().get(i));
            }
        }
        k.add(a.kwarg());
    }

    private static List<Node> bySource(List<? extends Node> a, List<? extends Node> b) {
        List<Node> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        if (!a.isEmpty() && !b.isEmpty()) {
            all.sort(Comparator.comparingInt(n -> n.span().start()));
        }
        return all;
    }

    private static void comprehensions(List<Comprehension> gens, Kids k) {
        for (Comprehension c : gens) {
            k.add(c.target());
            k.add(c.iter());
            k.all(c.ifs());
        }
    }

    private static void expr(Expr e, Kids k) {
        if (e instanceof Expr.BoolOp b) {
            k.all(b.values());
        } else if (e instanceof Expr.NamedExpr n) {
            k.add(n.target());
            k.add(n.value());
        } else if (e instanceof Expr.BinOp b) {
            k.add(b.left());
            k.add(b.right());
        } else if (e instanceof Expr.UnaryOp u) {
            k.add(u.operand());
        } else if (e instanceof Expr.Lambda l) {
            arguments(l.args(), k);
            k.add(l.body());
        } else if (e instanceof Expr.IfExp i) {
            k.add(i.body());
            k.add(i.test());
            k.add(i.orelse());
        } else if (e instanceof Expr.DictDisplay d) {
            for (int i = 0; i < d.values().size(); i++) {
                k.add(d.keys().get(i));
                k.add(d.values().get(i));
            }
        } else if (e instanceof Expr.SetDisplay s) {
            k.all(s.elts());
        } else if (e instanceof Expr.ListComp c) {
            k.add(c.elt());
            comprehensions(c.generators(), k);
        } else if (e instanceof Expr.SetComp c) {
            k.add(c.elt());
            comprehensions(c.generators(), k);
        } else if (e instanceof Expr.DictComp c) {
            k.add(c.key());
            k.add(c.value());
            comprehensions(c.generators(), k);
        } else if (e instanceof Expr.GeneratorExp c) {
            k.add(c.elt());
            comprehensions(c.generators(), k);
        } else if (e instanceof Expr.Await a) {
            k.add(a.value());
        } else if (e instanceof Expr.Yield y) {
            k.add(y.value());
        } else if (e instanceof Expr.YieldFrom y) {
            k.add(y.value());
        } else if (e instanceof Expr.Compare c) {
            k.add(c.left());
            k.all(c.comparators());
        } else if (e instanceof Expr.Call c) {
            k.add(c.func());
            k.all(bySource(c.args(), c.keywords()));
        } else if (e instanceof Expr.FormattedValue f) {
            k.add(f.value());
            k.add(f.formatSpec());
        } else if (e instanceof Expr.JoinedStr j) {
            k.all(j.values());
        } else if (e instanceof Expr.Interpolation i) {
            k.add(i.value());
            k.add(i.formatSpec());
        } else if (e instanceof Expr.TemplateStr t) {
            k.all(t.values());
        } else if (e instanceof Expr.Attribute a) {
            k.add(a.value());
            k.add(a.attr());
        } else if (e instanceof Expr.Subscript s) {
            k.add(s.value());
            k.add(s.slice());
        } else if (e instanceof Expr.Starred s) {
            k.add(s.value());
        } else if (e instanceof Expr.ListDisplay l) {
            k.all(l.elts());
        } else if (e instanceof Expr.TupleDisplay t) {
            k.all(t.elts());
        } else if (e instanceof Expr.Slice s) {
            k.add(s.lower());
            k.add(s.upper());
            k.add(s.step());
        }
    }

    private static void pattern(Pattern p, Kids k) {
        if (p instanceof Pattern.MatchValue v) {
            k.add(v.value());
        } else if (p instanceof Pattern.MatchSequence s) {
            k.all(s.patterns());
        } else if (p instanceof Pattern.MatchMapping m) {
            for (int i = 0; i < m.keys().size(); i++) {
                k.add(m.keys().get(i));
                k.add(m.patterns().get(i));
            }
            k.add(m.rest());
        } else if (p instanceof Pattern.MatchClass c) {
            k.add(c.cls());
            k.all(c.patterns());
            for (int i = 0; i < c.kwdAttrs().size(); i++) {
                k.add(c.kwdAttrs().get(i));
                k.add(c.kwdPatterns().get(i));
            }
        } else if (p instanceof Pattern.MatchStar s) {
            k.add(s.name());
        } else if (p instanceof Pattern.MatchAs a) {
            k.add(a.pattern());
            k.add(a.name());
        } else if (p instanceof Pattern.MatchOr o) {
            k.all(o.patterns());
        }
    }
}
