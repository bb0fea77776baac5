package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.Patterns;
import dev.memlens.rules.support.Scopes;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MEM401: reading a local before its assignment while a global or enclosing binding of that name exists. */
public final class UnboundLocal extends BaseRule {

    public UnboundLocal() {
        super("MEM401", "unbound-local", Severity.ERROR,
                "a name is read before its local assignment while an outer binding exists");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds a read of a name in a function that comes before every assignment of that name in the
                function, when a module global, an enclosing function's variable or a builtin of that name exists.

                ## Why is this bad
                Assigning a name anywhere in a function makes it local for the WHOLE function. The read does not
                fall back to the global: it raises `UnboundLocalError` (`cannot access local variable`). The outer
                binding makes the code look right.

                ## Example
                ```python
                counter = 0

                def increment():
                    counter += 1   # UnboundLocalError
                ```

                ## Use instead
                ```python
                counter = 0

                def increment():
                    global counter
                    counter += 1
                ```

                ## Fix safety
                The fix declares the name `global` (or `nonlocal` for an enclosing function's variable) at the top
                of the function. It is unsafe: the assignments then change the outer variable, which may not be
                what was meant (renaming the local is the other way out). Builtins get no fix.

                ## Known limits
                Only reads that no assignment can precede are reported: a read inside a loop that also assigns
                the name, or after a `return`/`raise` in the same block, is left alone. Reads inside `try` blocks
                with handlers are not reported (they may be expecting the error).
                """;
    }

    /** Python's builtin names that code commonly shadows. */
    static final Set<String> BUILTINS = Set.of("abs", "all", "any", "ascii", "bin", "bool", "breakpoint", "bytearray",
            "bytes", "callable", "chr", "classmethod", "compile", "complex", "delattr", "dict", "dir", "divmod",
            "enumerate", "eval", "exec", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr",
            "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list", "locals",
            "map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property",
            "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum",
            "super", "tuple", "type", "vars", "zip", "__import__");

    /** The outer binding a function-local name hides: "the global `x` (line 3)" etc., or null. */
    record Outer(String description, Scopes.Scope scope, Node site) {}

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        for (Scopes.Scope s : ctx.scopes().all()) {
            if (s.kind() != Scopes.Kind.FUNCTION) {
                continue;
            }
            for (Map.Entry<String, Expr.Name> e : unboundReads(ctx, s).entrySet()) {
                String name = e.getKey();
                Expr.Name load = e.getValue();
                Outer outer = outer(ctx, s, name);
                Scopes.Binding first = firstBinding(s, name);
                Stmt.FunctionDef f = (Stmt.FunctionDef) s.node();
                String msg = q(name) + " is local to " + q(f.name().name()) + " because it is assigned at line "
                        + ctx.line(first.site()) + ", so this read, which runs before any assignment, raises "
                        + "UnboundLocalError; " + outer.description() + " is not consulted";
                List<Related> related = new ArrayList<>();
                related.add(new Related(first.site().span(), "the assignment that makes it local"));
                if (outer.site() != null) {
                    related.add(new Related(outer.site().span(), "the outer binding"));
                }
                out.report(at(load, msg, related, fixes(ctx, f, name, outer)));
            }
        }
    }

    /** For each local name of the function, its first read that no binding can precede (in source order). */
    static Map<String, Expr.Name> unboundReads(RuleContext ctx, Scopes.Scope s) {
        Map<String, Expr.Name> out = new LinkedHashMap<>();
        List<Expr.Name> loads = new ArrayList<>(s.loads());
        // comprehensions read the function's locals too
        List<Scopes.Scope> todo = new ArrayList<>(s.children());
        while (!todo.isEmpty()) {
            Scopes.Scope c = todo.remove(0);
            if (c.kind() == Scopes.Kind.COMPREHENSION) {
                for (Expr.Name l : c.loads()) {
                    if (!c.bindings().containsKey(l.id())) {
                        loads.add(l);
                    }
                }
                todo.addAll(c.children());
            }
        }
        loads.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        for (Expr.Name load : loads) {
            String name = load.id();
            if (out.containsKey(name) || !s.isLocal(name) || outer(ctx, s, name) == null) {
                continue;
            }
            boolean boundBefore = false;
            boolean onlyAnnotations = true;
            for (Scopes.Binding b : s.bindings(name)) {
                if (b.kind() == Scopes.BindingKind.PARAM || b.point() <= load.span().start()) {
                    boundBefore = true;
                }
                if (b.kind() != Scopes.BindingKind.ANNOTATION && b.kind() != Scopes.BindingKind.DEL) {
                    onlyAnnotations = false;
                }
            }
            if (boundBefore || onlyAnnotations || inLoopThatBinds(ctx, load, s, name) || afterJump(ctx, load, s)
                    || Patterns.expectedToRaise(ctx, load)) {
                continue;
            }
            out.put(name, load);
        }
        return out;
    }

    private static Scopes.Binding firstBinding(Scopes.Scope s, String name) {
        Scopes.Binding first = null;
        for (Scopes.Binding b : s.bindings(name)) {
            if (b.kind() != Scopes.BindingKind.ANNOTATION && (first == null || b.point() < first.point())) {
                first = b;
            }
        }
        return first != null ? first : s.bindings(name).get(0);
    }

    /** The global, enclosing or builtin binding the local hides, or null when there is none. */
    static Outer outer(RuleContext ctx, Scopes.Scope s, String name) {
        Scopes.Scope cur = s.parent();
        while (cur != null) {
            if (cur.kind() != Scopes.Kind.CLASS && cur.bindings().containsKey(name)) {
                Node site = cur.bindings(name).get(0).site();
                if (cur.kind() == Scopes.Kind.MODULE) {
                    return new Outer("the global " + q(name) + " (line " + ctx.line(site) + ")", cur, site);
                }
                if (cur.isLocal(name) || cur.nonlocals().contains(name)) {
                    return new Outer("the variable " + q(name) + " of the enclosing function (line "
                            + ctx.line(site) + ")", cur, site);
                }
                if (cur.globals().contains(name)) {
                    return new Outer("the global " + q(name), ctx.scopes().module(), null);
                }
            }
            cur = cur.parent();
        }
        if (BUILTINS.contains(name)) {
            return new Outer("the builtin " + q(name), null, null);
        }
        return null;
    }

    private static boolean inLoopThatBinds(RuleContext ctx, Node load, Scopes.Scope s, String name) {
        Node cur = ctx.parent(load);
        while (cur != null && cur != s.node()) {
            if (cur instanceof Stmt.For || cur instanceof Stmt.While) {
                Stmt loop = (Stmt) cur;
                for (Scopes.Binding b : s.bindings(name)) {
                    if (loop.span().covers(b.site().span())) {
                        return true;
                    }
                }
            }
            cur = ctx.parent(cur);
        }
        return false;
    }

    /** True when an earlier statement of an enclosing block always leaves it (the read is dead code). */
    private static boolean afterJump(RuleContext ctx, Node load, Scopes.Scope s) {
        Node child = ctx.statementOf(load);
        Node cur = child == null ? null : ctx.parent(child);
        while (child != null && cur != null) {
            if (child instanceof Stmt st) {
                for (Stmt sib : Ast.blockOf(st, cur)) {
                    if (sib == st) {
                        break;
                    }
                    if (sib instanceof Stmt.Return || sib instanceof Stmt.Raise || sib instanceof Stmt.Break
                            || sib instanceof Stmt.Continue) {
                        return true;
                    }
                }
            }
            if (cur == s.node()) {
                break;
            }
            child = cur;
            cur = ctx.parent(cur);
        }
        return false;
    }

    private List<Fix> fixes(RuleContext ctx, Stmt.FunctionDef f, String name, Outer outer) {
        if (outer.scope() == null) {
            return List.of();
        }
        Patterns.Insertion ins = Patterns.bodyStart(ctx, f.body());
        if (ins == null || ins.offset() < 0) {
            return List.of();
        }
        Scopes.Scope own = ctx.scopes().scopeOpenedBy(f);
        for (Scopes.Binding b : own.bindings(name)) {
            if (b.kind() == Scopes.BindingKind.PARAM) {
                return List.of();
            }
        }
        String keyword = outer.scope().kind() == Scopes.Kind.MODULE ? "global" : "nonlocal";
        return List.of(Fix.unsafe("Declare `" + keyword + " " + name + "`",
                List.of(TextEdit.insert(ins.offset(), ins.indent() + keyword + " " + name + ctx.newline()))));
    }
}
