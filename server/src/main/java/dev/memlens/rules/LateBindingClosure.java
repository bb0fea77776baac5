package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.Patterns;
import dev.memlens.semantics.Resolution;
import dev.memlens.semantics.ResolutionKind;
import dev.memlens.semantics.Scope;
import dev.memlens.syntax.ast.Arg;
import dev.memlens.syntax.ast.Arguments;
import dev.memlens.syntax.ast.Comprehension;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** MEM203: {@code for i in r: fs.append(lambda: i)}. */
public final class LateBindingClosure extends BaseRule {

    private static final Set<String> STORE_METHODS = Set.of("append", "add", "insert", "appendleft", "extend",
            "setdefault", "put", "put_nowait");

    public LateBindingClosure() {
        super("MEM203", "late-binding-closure", Severity.WARNING,
                "a function created in a loop reads the loop variable and outlives the iteration");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds a `lambda` or `def` created inside a `for` or `while` loop (or a list, set or dict
                comprehension) that reads a loop variable (a `for` target, or a name the loop body assigns) and is
                kept beyond the iteration: appended or added to a container, stored under a key, or yielded,
                itself or inside an object a call makes of it (`Pair(len, lambda d: d[name])`,
                `functools.partial(...)`).

                ## Why is this bad
                A closure captures the VARIABLE, not its current value. It reads the variable when it is called;
                by then the loop has moved on, so every function kept from the loop sees the last value.

                ## Example
                ```python
                callbacks = []
                for i in range(3):
                    callbacks.append(lambda: i)
                print([f() for f in callbacks])  # [2, 2, 2]
                ```

                ## Use instead
                ```python
                callbacks = []
                for i in range(3):
                    callbacks.append(lambda i=i: i)
                print([f() for f in callbacks])  # [0, 1, 2]
                ```

                ## Fix safety
                The fix binds the current value as a default parameter (`lambda i=i: ...`). It is unsafe: the
                function gains a parameter that a caller passing extra arguments would overwrite.

                ## Known limits
                A function that is only called within its iteration (passed to `sorted`, `map`, called directly)
                is not reported, nor one returned from inside the loop (the loop ends there). Functions handed to
                an unknown call that may store them (`button.config(command=...)`) are not reported, nor lambdas in
                a display consumed at once (`min([None, lambda: x], key=repr)`), nor a generator expression of
                lambdas (each may be called before the next is made). A call is taken to keep its arguments when it
                names a class (a capitalized name) or `functools.partial`.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEachOf(n -> {
            if (n instanceof Stmt.For || n instanceof Stmt.While) {
                Stmt f = (Stmt) n;
                Set<String> vars = loopVariables(ctx, f);
                Scope loopScope = ctx.enclosingScope(f);
                for (Stmt s : body(f)) {
                    Ast.walk(s, inner -> {
                        if (inner instanceof Expr.Lambda || inner instanceof Stmt.FunctionDef) {
                            checkFunction(ctx, out, inner, vars, loopScope, body(f), f);
                        }
                    });
                }
            } else if (n instanceof Expr.ListComp || n instanceof Expr.SetComp || n instanceof Expr.DictComp) {
                checkComprehension(ctx, out, (Expr) n);
            }
        }, Stmt.For.class, Stmt.While.class, Expr.ListComp.class, Expr.SetComp.class, Expr.DictComp.class);
    }

    private static List<Stmt> body(Stmt loop) {
        return loop instanceof Stmt.For f ? f.body() : ((Stmt.While) loop).body();
    }

    /**
     * The variables that take a new value in each iteration: a {@code for}'s targets, and the names the body
     * assigns in the loop's own scope ({@code y = x + 1}, {@code n: int = ...}, {@code n += 1}, walrus).
     */
    static Set<String> loopVariables(RuleContext ctx, Stmt loop) {
        Set<String> vars = new LinkedHashSet<>();
        if (loop instanceof Stmt.For f) {
            targets(f.target(), vars);
        }
        for (Stmt s : body(loop)) {
            Ast.walkSameScope(s, x -> {
                if (x instanceof Expr.Name nm && nm.ctx() == Ctx.STORE && !(ctx.parent(nm) instanceof Stmt.Delete)) {
                    vars.add(nm.id());
                }
            });
        }
        return vars;
    }

    private static String where(RuleContext ctx, Stmt loop) {
        return (loop instanceof Stmt.For ? "the `for`" : "the `while`") + " at line " + ctx.line(loop);
    }

    private static void targets(Expr t, Set<String> out) {
        Ast.walk(t, n -> {
            if (n instanceof Expr.Name nm && nm.ctx() == Ctx.STORE) {
                out.add(nm.id());
            }
        });
    }

    /**
     * The loop variables the function reads from the loop's scope: names written inside the function (or scopes
     * nested in it) that resolve to the loop scope's variable, not to the function's own parameters or locals.
     */
    private static List<String> capturedVars(RuleContext ctx, Node fn, Set<String> vars, Scope loopScope) {
        Scope fs = ctx.scopeOf(fn);
        Set<String> out = new LinkedHashSet<>();
        if (fs == null) {
            return List.of();
        }
        List<Scope> todo = new ArrayList<>(List.of(fs));
        while (!todo.isEmpty()) {
            Scope s = todo.remove(todo.size() - 1);
            todo.addAll(s.children());
            for (Expr.Name load : ctx.loads(s)) {
                if (!vars.contains(load.id())) {
                    continue;
                }
                Resolution r = ctx.resolve(load);
                if (r != null && r.target() == loopScope && r.kind() != ResolutionKind.LOCAL) {
                    out.add(load.id());
                }
            }
        }
        return new ArrayList<>(out);
    }

    private void checkFunction(RuleContext ctx, FindingSink out, Node fn, Set<String> vars, Scope loopScope,
                               List<Stmt> loopBody, Stmt loop) {
        // only functions created directly in the loop's scope (not inside another function in the loop)
        if (ctx.enclosingScope(fn) != loopScope) {
            return;
        }
        List<String> captured = capturedVars(ctx, fn, vars, loopScope);
        if (captured.isEmpty()) {
            return;
        }
        for (Node cur = ctx.parent(fn); cur != null && cur != loop; cur = ctx.parent(cur)) {
            if ((cur instanceof Stmt.For || cur instanceof Stmt.While)
                    && loopVariables(ctx, (Stmt) cur).containsAll(captured)) {
                return; // an inner loop changes them all: it reports the function, once
            }
        }
        String escape = null;
        Node escapeAt = null;
        if (fn instanceof Expr.Lambda l) {
            escape = escapes(ctx, l, loop);
            escapeAt = l;
            if (escape == null && ctx.parent(l) instanceof Stmt.Assign as && as.targets().size() == 1
                    && as.targets().get(0) instanceof Expr.Name nm) {
                Node[] at = {null};
                escape = escapesByName(ctx, nm.id(), loopBody, loop, as.span().end(), at);
                escapeAt = at[0];
            }
        } else if (fn instanceof Stmt.FunctionDef f) {
            Node[] at = {null};
            escape = escapesByName(ctx, f.name().name(), loopBody, loop, f.span().end(), at);
            escapeAt = at[0];
        }
        if (escape == null) {
            return;
        }
        String what = fn instanceof Stmt.FunctionDef f ? "function " + q(f.name().name()) : "lambda";
        String varList = String.join("`, `", captured);
        String msg = "this " + what + " reads the loop variable" + (captured.size() > 1 ? "s `" : " `") + varList
                + "` (" + (loop instanceof Stmt.For lf2 && isTarget(lf2.target(), captured.get(0)) ? "bound by " : "assigned in ") + where(ctx, loop) + ") when it is called, not when it is created; "
                + "it is kept beyond the iteration (" + escape + "), so it will see the value of the last iteration";
        Node reportAt = fn instanceof Stmt.FunctionDef f ? f.name() : fn;
        List<Related> related = new ArrayList<>();
        related.add(new Related(loop instanceof Stmt.For lf ? lf.target().span() : ((Stmt.While) loop).test().span(),
                "the loop"));
        if (escapeAt != null && escapeAt != fn) {
            related.add(new Related(escapeAt.span(), "where the function outlives the iteration"));
        }
        out.report(at(reportAt, msg, related, fixes(ctx, fn, captured)));
    }

    private void checkComprehension(RuleContext ctx, FindingSink out, Expr comp) {
        List<Comprehension> gens;
        List<Expr> values = new ArrayList<>();
        if (comp instanceof Expr.ListComp c) {
            gens = c.generators();
            values.add(c.elt());
        } else if (comp instanceof Expr.SetComp c) {
            gens = c.generators();
            values.add(c.elt());
        } else {
            Expr.DictComp c = (Expr.DictComp) comp;
            gens = c.generators();
            values.add(c.value() == null ? c.key() : c.value());
        }
        Set<String> vars = new LinkedHashSet<>();
        for (Comprehension g : gens) {
            targets(g.target(), vars);
        }
        Scope compScope = ctx.scopeOf(comp);
        for (Expr v : values) {
            Expr fn = v;
            while (fn instanceof Expr.TupleDisplay t && t.elts().size() > 0) {
                Expr lam = null;
                for (Expr e : t.elts()) {
                    if (e instanceof Expr.Lambda) {
                        lam = e;
                    }
                }
                fn = lam;
            }
            if (!(fn instanceof Expr.Lambda l)) {
                continue;
            }
            List<String> captured = capturedVars(ctx, l, vars, compScope);
            if (captured.isEmpty()) {
                continue;
            }
            String msg = "this lambda reads the comprehension variable" + (captured.size() > 1 ? "s `" : " `")
                    + String.join("`, `", captured) + "` when it is called, not when it is created; every lambda "
                    + "the comprehension builds will see the value of the last iteration";
            out.report(at(l, msg, List.of(new Related(gens.get(0).target().span(), "the comprehension variable")),
                    fixes(ctx, l, captured)));
        }
    }

    /** How a lambda expression itself is kept beyond the iteration, or null. */
    private static String escapes(RuleContext ctx, Node value, Stmt loop) {
        Node child = value;
        Node p = ctx.parent(value);
        while (p instanceof Expr.TupleDisplay || p instanceof Expr.ListDisplay || p instanceof Expr.DictDisplay d
                && d.values().contains(child)) {
            child = p;
            p = ctx.parent(p);
        }
        if (p instanceof Expr.Yield) {
            return "it is yielded and the generator resumes the loop";
        }
        if (p instanceof Expr.Call c && c.args().contains(child) && holds(ctx, c)) {
            // `Pair(len, lambda d: ...)`: the object made by the call keeps the function; it escapes with that object
            String e = escapes(ctx, c, loop);
            return e == null ? null : "kept by " + q(Patterns.excerpt(ctx, c.func()) + "(...)") + ": " + e;
        }
        if (p instanceof Expr.Call c && (c.args().contains(child)) && c.func() instanceof Expr.Attribute a
                && STORE_METHODS.contains(a.attr().name()) && outlivesIteration(ctx, a.value(), loop)) {
            return "stored with " + q(Patterns.excerpt(ctx, a) + "(...)");
        }
        if (p instanceof Stmt.Assign as && as.value() == child) {
            for (Expr t : as.targets()) {
                if (t instanceof Expr.Subscript s && outlivesIteration(ctx, s.value(), loop)
                        && keyVariesPerIteration(s.slice(), loop)) {
                    return "stored in " + q(Patterns.excerpt(ctx, t));
                }
            }
        }
        return null;
    }

    /**
     * A call that keeps its arguments in what it returns: a class of this file, or a callable named like a class
     * ({@code Pair}, {@code functools.partial}); not builtins and functions that consume an argument during the
     * call ({@code sorted(key=...)}, {@code map}).
     */
    private static boolean holds(RuleContext ctx, Expr.Call c) {
        String f = Ast.dotted(c.func());
        if (f == null) {
            return false;
        }
        String last = f.substring(f.lastIndexOf('.') + 1);
        if (c.func() instanceof Expr.Name n && ctx.objects().refersToBuiltin(n)) {
            return false;
        }
        return f.equals("functools.partial") || f.equals("partial") || !last.isEmpty()
                && Character.isUpperCase(last.charAt(0)) && !last.equals(last.toUpperCase(java.util.Locale.ROOT));
    }

    /** A subscript key that mentions a loop variable, so each iteration stores under its own key. */
    private static boolean keyVariesPerIteration(Expr key, Stmt loop) {
        Set<String> vars = new LinkedHashSet<>();
        if (loop instanceof Stmt.For f) {
            targets(f.target(), vars);
        }
        for (String v : vars) {
            if (Patterns.mentions(key, v)) {
                return true;
            }
        }
        return false;
    }

    /** A container expression that is not created anew in each iteration of the loop. */
    private static boolean outlivesIteration(RuleContext ctx, Expr container, Stmt loop) {
        if (container instanceof Expr.Name n) {
            for (Stmt s : body(loop)) {
                boolean[] bound = {false};
                Ast.walk(s, x -> {
                    if (x instanceof Expr.Name nm && nm.id().equals(n.id()) && nm.ctx() == Ctx.STORE) {
                        bound[0] = true;
                    }
                });
                if (bound[0]) {
                    return false;
                }
            }
            return !(loop instanceof Stmt.For f && isTarget(f.target(), n.id()));
        }
        return container instanceof Expr.Attribute a && a.value() instanceof Expr.Name;
    }

    private static boolean isTarget(Expr target, String name) {
        return Patterns.mentions(target, name);
    }

    /** How a function bound to `name` in the loop body escapes after `from`, or null; sets at[0] to the use. */
    private static String escapesByName(RuleContext ctx, String name, List<Stmt> body, Stmt loop, int from,
                                         Node[] at) {
        String[] found = {null};
        for (Stmt s : body) {
            Ast.walk(s, n -> {
                if (found[0] == null && n instanceof Expr.Name nm && nm.id().equals(name) && nm.ctx() == Ctx.LOAD
                        && nm.span().start() >= from) {
                    String e = escapes(ctx, nm, loop);
                    if (e != null) {
                        found[0] = e;
                        at[0] = nm;
                    }
                }
            });
        }
        return found[0];
    }

    private List<Fix> fixes(RuleContext ctx, Node fn, List<String> captured) {
        Arguments args;
        int insertAt;
        String text = ctx.text();
        if (fn instanceof Expr.Lambda l) {
            args = l.args();
            insertAt = l.span().start() + "lambda".length();
        } else {
            Stmt.FunctionDef f = (Stmt.FunctionDef) fn;
            args = f.args();
            int paren = text.indexOf('(', f.name().span().end());
            if (paren < 0) {
                return List.of();
            }
            insertAt = paren + 1;
        }
        if (args.vararg() != null || args.kwarg() != null || !args.kwonlyargs().isEmpty()) {
            return List.of();
        }
        List<Arg> ps = new ArrayList<>(args.posonlyargs());
        ps.addAll(args.args());
        for (Arg a : ps) {
            if (captured.contains(a.name())) {
                return List.of();
            }
        }
        StringBuilder defaults = new StringBuilder();
        for (String v : captured) {
            if (defaults.length() > 0) {
                defaults.append(", ");
            }
            defaults.append(v).append('=').append(v);
        }
        String insert;
        if (ps.isEmpty()) {
            insert = fn instanceof Expr.Lambda ? " " + defaults : defaults.toString();
        } else {
            Node last = ps.get(ps.size() - 1);
            int end = last.span().end();
            if (!args.defaults().isEmpty()) {
                end = Math.max(end, args.defaults().get(args.defaults().size() - 1).span().end());
            }
            if (!args.posonlyargs().isEmpty() && args.args().isEmpty()) {
                return List.of(); // would land before the `/`
            }
            insertAt = end;
            insert = ", " + defaults;
        }
        return List.of(Fix.unsafe("Bind the current value: " + defaults, List.of(TextEdit.insert(insertAt, insert))));
    }
}
