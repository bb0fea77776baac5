package dev.memlens.semantics;

import dev.memlens.syntax.ast.Alias;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Pattern;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * What one CFG element does to the names of the scope whose graph holds it, in evaluation order: reads, bindings
 * and unbindings. A binding or read that happens only on some evaluations of the element (inside the right operand
 * of {@code and}/{@code or}, a branch of a conditional expression, a comprehension body) is {@code conditional}.
 * Lambda bodies and nested function and class bodies are not evaluated by the element and contribute nothing;
 * a walrus inside a comprehension binds in this scope and is reported here.
 * Expressions are walked with an explicit stack.
 */
public final class NameEvents {

    public enum Kind { READ, BIND, UNBIND }

    /** {@code node} is the Name, Identifier, Alias or Arg occurrence; {@code symbol} the one it resolves to. */
    public record Event(Kind kind, Symbol symbol, Node node, boolean conditional) {
    }

    private final ScopeTree tree;
    private final Scope scope;
    private List<Event> out;
    // Work stack of (node, mode), see the mode constants.
    private Object[] stack = new Object[32];
    private int[] modes = new int[32];
    private int sp;

    private static final int EVAL = 0;
    private static final int EVAL_CONDITIONAL = 1;
    private static final int STORE = 2;
    private static final int DELETE = 3;
    private static final int STORE_CONDITIONAL = 4;

    /** A reusable collector for the elements of one scope's graph. */
    public NameEvents(ScopeTree tree, Scope scope) {
        this.tree = tree;
        this.scope = scope;
    }

    /** The events of an element of {@code scope}'s graph, in order. */
    public static List<Event> of(ScopeTree tree, Scope scope, Element element) {
        List<Event> events = new ArrayList<>();
        new NameEvents(tree, scope).collect(element, events);
        return events;
    }

    /** Appends the events of an element of this scope's graph to {@code into}, in order. */
    public void collect(Element element, List<Event> into) {
        out = into;
        element(element);
        out = null;
    }

    private void element(Element e) {
        if (e instanceof Element.Statement s) {
            statement(s.stmt());
        } else if (e instanceof Element.Test t) {
            eval(t.test(), false);
        } else if (e instanceof Element.IterStart i) {
            if (!i.outer()) {
                eval(i.iterable(), false);
            }
        } else if (e instanceof Element.AssignNext a) {
            store(a.target());
        } else if (e instanceof Element.WithEnter w) {
            eval(w.item().contextExpr(), false);
            if (w.item().optionalVars() != null) {
                store(w.item().optionalVars());
            }
        } else if (e instanceof Element.ExceptTest t) {
            if (t.handler().type() != null) {
                eval(t.handler().type(), false);
            }
        } else if (e instanceof Element.ExceptBind b) {
            emit(Kind.BIND, b.handler().name(), false);
        } else if (e instanceof Element.ExceptUnbind u) {
            emit(Kind.UNBIND, u.handler().name(), false);
        } else if (e instanceof Element.MatchSubject m) {
            eval(m.match().subject(), false);
        } else if (e instanceof Element.CaseTest c) {
            patternValues(c.matchCase().pattern());
        } else if (e instanceof Element.CaseBind c) {
            Patterns.captures(c.matchCase().pattern(), id -> emit(Kind.BIND, id, false));
        } else if (e instanceof Element.AssertFail a) {
            if (a.assertion().msg() != null) {
                eval(a.assertion().msg(), false);
            }
        } else if (e instanceof Element.ComprehensionAppend c) {
            if (c.comprehension() instanceof Expr.DictComp d) {
                eval(d.key(), false);
                if (d.value() != null) {
                    eval(d.value(), false);
                }
            } else if (c.comprehension() instanceof Expr.ListComp l) {
                eval(l.elt(), false);
            } else if (c.comprehension() instanceof Expr.SetComp sc) {
                eval(sc.elt(), false);
            } else {
                eval(((Expr.GeneratorExp) c.comprehension()).elt(), false);
            }
        } else if (e instanceof Element.ReturnValue r) {
            eval(r.value(), false);
        }
        // IterNext, WithExit and Reraise name nothing.
    }

    private boolean evaluatesAnnotations() {
        return !tree.futureAnnotations() && !scope.kind().isFunctionLike();
    }

    private void statement(Stmt s) {
        if (s instanceof Stmt.Expression e) {
            eval(e.value(), false);
        } else if (s instanceof Stmt.Assign a) {
            eval(a.value(), false);
            for (Expr t : a.targets()) {
                store(t);
            }
        } else if (s instanceof Stmt.AugAssign a) {
            if (a.target() instanceof Expr.Name n) {
                emit(Kind.READ, n, false);
                eval(a.value(), false);
                emit(Kind.BIND, n, false);
            } else {
                store(a.target());
                eval(a.value(), false);
            }
        } else if (s instanceof Stmt.AnnAssign a) {
            if (evaluatesAnnotations()) {
                eval(a.annotation(), false);
            }
            if (a.value() != null) {
                eval(a.value(), false);
                store(a.target());
            } else if (!(a.target() instanceof Expr.Name)) {
                store(a.target()); // evaluates the object and subscript, binds nothing
            }
        } else if (s instanceof Stmt.Delete d) {
            for (Expr t : d.targets()) {
                push(t, DELETE);
                drain();
            }
        } else if (s instanceof Stmt.Return r) {
            if (r.value() != null) {
                eval(r.value(), false);
            }
        } else if (s instanceof Stmt.Raise r) {
            if (r.exc() != null) {
                eval(r.exc(), false);
            }
            if (r.cause() != null) {
                eval(r.cause(), false);
            }
        } else if (s instanceof Stmt.Import im) {
            for (Alias a : im.names()) {
                alias(a);
            }
        } else if (s instanceof Stmt.ImportFrom im) {
            for (Alias a : im.names()) {
                alias(a);
            }
        } else if (s instanceof Stmt.FunctionDef f) {
            for (Expr d : f.decorators()) {
                eval(d, false);
            }
            arguments(f.args(), f.typeParams().isEmpty());
            if (f.returns() != null && f.typeParams().isEmpty() && !tree.futureAnnotations()) {
                eval(f.returns(), false);
            }
            emit(Kind.BIND, f.name(), false);
        } else if (s instanceof Stmt.ClassDef c) {
            for (Expr d : c.decorators()) {
                eval(d, false);
            }
            if (c.typeParams().isEmpty()) {
                for (Expr b : c.bases()) {
                    eval(b, false);
                }
                for (Keyword k : c.keywords()) {
                    eval(k.value(), false);
                }
            }
            emit(Kind.BIND, c.name(), false);
        } else if (s instanceof Stmt.TypeAlias t) {
            emit(Kind.BIND, t.name(), false);
        }
        // Global, Nonlocal, Pass, Break, Continue, Invalid: nothing. Compound statements are split into elements.
    }

    private void alias(Alias a) {
        if (!a.name().equals("*")) {
            emit(Kind.BIND, a.asname() != null ? a.asname() : a, false);
        }
    }

    /** Defaults, then (unless lazy) annotations, evaluated where the def or lambda is. */
    private void arguments(Arguments args, boolean annotationsHere) {
        for (Expr d : args.defaults()) {
            eval(d, false);
        }
        for (Expr d : args.kwDefaults()) {
            if (d != null) {
                eval(d, false);
            }
        }
        if (annotationsHere && !tree.futureAnnotations()) {
            List<Arg> all = new ArrayList<>(args.posonlyargs());
            all.addAll(args.args());
            if (args.vararg() != null) {
                all.add(args.vararg());
            }
            all.addAll(args.kwonlyargs());
            if (args.kwarg() != null) {
                all.add(args.kwarg());
            }
            for (Arg a : all) {
                if (a.annotation() != null) {
                    eval(a.annotation(), false);
                }
            }
        }
    }

    private void patternValues(Pattern root) {
        List<Pattern> ps = new ArrayList<>();
        ps.add(root);
        List<Expr> values = new ArrayList<>();
        while (!ps.isEmpty()) {
            Pattern p = ps.remove(ps.size() - 1);
            if (p instanceof Pattern.MatchValue v) {
                values.add(v.value());
            } else if (p instanceof Pattern.MatchSequence q) {
                ps.addAll(q.patterns());
            } else if (p instanceof Pattern.MatchMapping m) {
                values.addAll(m.keys());
                ps.addAll(m.patterns());
            } else if (p instanceof Pattern.MatchClass c) {
                values.add(c.cls());
                ps.addAll(c.patterns());
                ps.addAll(c.kwdPatterns());
            } else if (p instanceof Pattern.MatchAs as && as.pattern() != null) {
                ps.add(as.pattern());
            } else if (p instanceof Pattern.MatchOr o) {
                ps.addAll(o.patterns());
            }
        }
        for (Expr v : values) {
            eval(v, true);
        }
    }

    // ---- expressions, in evaluation order

    private void eval(Expr e, boolean conditional) {
        push(e, conditional ? EVAL_CONDITIONAL : EVAL);
        drain();
    }

    private void store(Expr target) {
        push(target, STORE);
        drain();
    }

    private void push(Object node, int mode) {
        if (node != null) {
            if (sp == stack.length) {
                stack = java.util.Arrays.copyOf(stack, sp * 2);
                modes = java.util.Arrays.copyOf(modes, sp * 2);
            }
            stack[sp] = node;
            modes[sp] = mode;
            sp++;
        }
    }

    /** Children are pushed in reverse so they pop in evaluation order. */
    private void pushAll(List<? extends Expr> nodes, int mode) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            push(nodes.get(i), mode);
        }
    }

    private void drain() {
        while (sp > 0) {
            sp--;
            Object node = stack[sp];
            stack[sp] = null;
            int mode = modes[sp];
            if (mode == STORE || mode == STORE_CONDITIONAL || mode == DELETE) {
                target((Expr) node, mode);
            } else {
                expr((Expr) node, mode == EVAL_CONDITIONAL);
            }
        }
    }

    private void target(Expr t, int mode) {
        boolean conditional = mode == STORE_CONDITIONAL;
        if (t instanceof Expr.Name n) {
            if (mode == DELETE) {
                emit(Kind.READ, n, false); // del of an unbound local raises too
                emit(Kind.UNBIND, n, false);
            } else {
                emit(Kind.BIND, n, conditional);
            }
        } else if (t instanceof Expr.TupleDisplay tu) {
            pushAll(tu.elts(), mode);
        } else if (t instanceof Expr.ListDisplay l) {
            pushAll(l.elts(), mode);
        } else if (t instanceof Expr.Starred s) {
            push(s.value(), mode);
        } else if (t instanceof Expr.Attribute a) {
            push(a.value(), conditional ? EVAL_CONDITIONAL : EVAL);
        } else if (t instanceof Expr.Subscript s) {
            int m = conditional ? EVAL_CONDITIONAL : EVAL;
            push(s.slice(), m);
            push(s.value(), m);
        } else {
            push(t, conditional ? EVAL_CONDITIONAL : EVAL);
        }
    }

    private void expr(Expr e, boolean c) {
        int m = c ? EVAL_CONDITIONAL : EVAL;
        if (e instanceof Expr.Name n) {
            if (n.ctx() == Ctx.LOAD) {
                emit(Kind.READ, n, c);
            }
        } else if (e instanceof Expr.Constant) {
            return;
        } else if (e instanceof Expr.Attribute a) {
            push(a.value(), m);
        } else if (e instanceof Expr.Call call) {
            for (int i = call.keywords().size() - 1; i >= 0; i--) {
                push(call.keywords().get(i).value(), m);
            }
            pushAll(call.args(), m);
            push(call.func(), m);
        } else if (e instanceof Expr.NamedExpr ne) {
            push(ne.target(), c ? STORE_CONDITIONAL : STORE);
            push(ne.value(), m);
        } else if (e instanceof Expr.BoolOp b) {
            List<Expr> vs = b.values();
            for (int i = vs.size() - 1; i >= 1; i--) {
                push(vs.get(i), EVAL_CONDITIONAL);
            }
            push(vs.get(0), m);
        } else if (e instanceof Expr.IfExp i) {
            push(i.orelse(), EVAL_CONDITIONAL);
            push(i.body(), EVAL_CONDITIONAL);
            push(i.test(), m);
        } else if (e instanceof Expr.Compare cmp) {
            for (int i = cmp.comparators().size() - 1; i >= 1; i--) {
                push(cmp.comparators().get(i), EVAL_CONDITIONAL); // chained comparisons short-circuit
            }
            if (!cmp.comparators().isEmpty()) {
                push(cmp.comparators().get(0), m);
            }
            push(cmp.left(), m);
        } else if (e instanceof Expr.Lambda l) {
            for (int i = l.args().kwDefaults().size() - 1; i >= 0; i--) {
                push(l.args().kwDefaults().get(i), m);
            }
            pushAll(l.args().defaults(), m);
        } else if (e instanceof Expr.ListComp lc) {
            comprehension(lc, lc.generators(), m);
        } else if (e instanceof Expr.SetComp sc) {
            comprehension(sc, sc.generators(), m);
        } else if (e instanceof Expr.DictComp dc) {
            comprehension(dc, dc.generators(), m);
        } else if (e instanceof Expr.GeneratorExp g) {
            comprehension(g, g.generators(), m);
        } else if (e instanceof Expr.DictDisplay d) {
            for (int i = d.keys().size() - 1; i >= 0; i--) {
                push(d.values().get(i), m);
                push(d.keys().get(i), m);
            }
        } else {
            pushChildren(e, m);
        }
    }

    private void pushChildren(Expr e, int m) {
        if (e instanceof Expr.BinOp b) {
            push(b.right(), m);
            push(b.left(), m);
        } else if (e instanceof Expr.Subscript s) {
            push(s.slice(), m);
            push(s.value(), m);
        } else if (e instanceof Expr.TupleDisplay t) {
            pushAll(t.elts(), m);
        } else if (e instanceof Expr.ListDisplay l) {
            pushAll(l.elts(), m);
        } else if (e instanceof Expr.SetDisplay s) {
            pushAll(s.elts(), m);
        } else if (e instanceof Expr.Starred s) {
            push(s.value(), m);
        } else if (e instanceof Expr.UnaryOp u) {
            push(u.operand(), m);
        } else if (e instanceof Expr.JoinedStr j) {
            pushAll(j.values(), m);
        } else if (e instanceof Expr.FormattedValue f) {
            push(f.formatSpec(), m);
            push(f.value(), m);
        } else if (e instanceof Expr.TemplateStr t) {
            pushAll(t.values(), m);
        } else if (e instanceof Expr.Interpolation i) {
            push(i.formatSpec(), m);
            push(i.value(), m);
        } else if (e instanceof Expr.Slice s) {
            push(s.step(), m);
            push(s.upper(), m);
            push(s.lower(), m);
        } else if (e instanceof Expr.Await a) {
            push(a.value(), m);
        } else if (e instanceof Expr.Yield y) {
            push(y.value(), m);
        } else if (e instanceof Expr.YieldFrom y) {
            push(y.value(), m);
        }
    }

    /**
     * The first iterable is evaluated here; the rest runs zero or more times in the comprehension's own scope,
     * where what matters to this scope is reads of its variables and walrus bindings into it: conditional.
     */
    private void comprehension(Expr comp, List<Comprehension> gens, int m) {
        if (gens.isEmpty()) {
            return;
        }
        List<Expr> rest = new ArrayList<>();
        for (int i = 0; i < gens.size(); i++) {
            Comprehension g = gens.get(i);
            if (i > 0) {
                rest.add(g.iter());
            }
            rest.addAll(g.ifs());
        }
        if (comp instanceof Expr.DictComp d) {
            rest.add(d.key());
            if (d.value() != null) {
                rest.add(d.value());
            }
        } else if (comp instanceof Expr.ListComp l) {
            rest.add(l.elt());
        } else if (comp instanceof Expr.SetComp s) {
            rest.add(s.elt());
        } else {
            rest.add(((Expr.GeneratorExp) comp).elt());
        }
        pushAll(rest, EVAL_CONDITIONAL);
        push(gens.get(0).iter(), m);
    }

    private void emit(Kind kind, Node node, boolean conditional) {
        Resolution r = tree.resolve(node);
        if (r == null) {
            return;
        }
        Symbol target = r.targetSymbol();
        if (target == null || target.scope() != scope) {
            return;
        }
        // Names of comprehension scopes themselves (their targets) are not this scope's: only reads of this scope's
        // variables and walrus bindings redirected here reach it.
        out.add(new Event(kind, target, node, conditional));
    }
}
