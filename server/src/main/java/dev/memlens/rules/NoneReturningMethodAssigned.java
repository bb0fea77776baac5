package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Keyword;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** MEM501: {@code xs = xs.sort()}, {@code print(d.update(x))}. */
public final class NoneReturningMethodAssigned extends BaseRule {

    private static final Set<String> CANDIDATES = candidates();

    private static Set<String> candidates() {
        Set<String> all = new java.util.HashSet<>();
        Patterns.NONE_RETURNING.values().forEach(all::addAll);
        all.add("shuffle");
        return Set.copyOf(all);
    }

    public NoneReturningMethodAssigned() {
        super("MEM501", "none-returning-method-assigned", Severity.WARNING,
                "the result of an in-place method that returns None is used");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds uses of the result of an in-place method that always returns `None`: `list.sort`,
                `list.append`, `list.extend`, `list.insert`, `list.reverse`, `list.remove`, `dict.update`,
                `set.add`, `clear` and friends, and `random.shuffle` — assigned, returned, passed on, or
                subscripted.

                ## Why is this bad
                These methods change the object in place and return `None` to say so. `xs = xs.sort()` sorts the
                list and then throws it away, leaving `xs` bound to `None`.

                ## Example
                ```python
                names = ["b", "a"]
                names = names.sort()
                print(names)  # None
                ```

                ## Use instead
                ```python
                names = ["b", "a"]
                names = sorted(names)   # or: names.sort()
                print(names)  # ['a', 'b']
                ```

                ## Fix safety
                For `y = x.sort(...)` the fix is `y = sorted(x, ...)`, which leaves `x` unsorted; for the other
                methods it drops the assignment (`y = x.append(v)` becomes `x.append(v)`), which leaves `y`
                unbound. Both change behaviour and are unsafe.

                ## Known limits
                The receiver must be known to be a list, dict, set or bytearray (a display, a constructor call, or
                a name with a single such assignment): a method with the same name on an unknown object may return
                something. `x.append(v) or x`, lambda bodies and test assertions (`assertIsNone(x.sort())`) are not
                reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Expr.Call.class, c -> {
            if (!(c.func() instanceof Expr.Attribute a)) {
                return;
            }
            String method = a.attr().name();
            if (!CANDIDATES.contains(method)) {
                return;
            }
            Node parent = ctx.parent(c);
            String use = use(parent, c);
            if (use == null) {
                return; // syntax first: facts (and the analysis) only for results that are used
            }
            String receiverDesc;
            boolean shuffle = false;
            if (a.value() instanceof Expr.Name mod && method.equals("shuffle")
                    && ctx.objects().isModule(mod, "random")) {
                shuffle = true;
                receiverDesc = "`random.shuffle` shuffles its argument in place";
            } else {
                ObjectFacts.Allocation alloc = ctx.objects().mustPointTo(a.value());
                if (alloc == null || !Patterns.NONE_RETURNING.getOrDefault(alloc.kind(), Set.of()).contains(method)) {
                    return;
                }
                receiverDesc = q(Patterns.excerpt(ctx, a.value())) + " is a " + alloc.kind().label()
                        + (alloc.via() != null ? " (bound at line " + ctx.line(alloc.via().site()) + ")" : "")
                        + " and `" + alloc.kind().label() + "." + method + "` changes it in place";
            }
            String msg = receiverDesc + " and returns None; " + use + " None";
            List<Fix> fixes = new ArrayList<>();
            if (parent instanceof Stmt.Assign as && as.targets().size() == 1 && as.targets().get(0) instanceof Expr.Name
                    && ctx.startsLine(as.span().start())) {
                if (method.equals("sort") && !shuffle) {
                    StringBuilder args = new StringBuilder(ctx.text(a.value()));
                    for (Keyword k : c.keywords()) {
                        args.append(", ").append(ctx.text(k));
                    }
                    if (c.args().isEmpty()) {
                        fixes.add(Fix.unsafe("Use `sorted(...)`",
                                List.of(new TextEdit(c.span().start(), c.span().end(), "sorted(" + args + ")"))));
                    }
                }
                fixes.add(Fix.unsafe("Drop the assignment",
                        List.of(new TextEdit(as.span().start(), c.span().start(), ""))));
            }
            out.report(at(c, msg, List.of(), fixes));
        });
    }

    /** How the value is used ("assigning it binds", ...), or null when it is discarded or used as a truth value. */
    private static String use(Node parent, Expr.Call c) {
        if (parent instanceof Stmt.Assign as && as.value() == c) {
            return "the assignment binds";
        }
        if (parent instanceof Stmt.AnnAssign as && as.value() == c) {
            return "the assignment binds";
        }
        if (parent instanceof Stmt.AugAssign as && as.value() == c) {
            return "the augmented assignment uses";
        }
        if (parent instanceof Stmt.Return) {
            return "the function returns";
        }
        if (parent instanceof Expr.NamedExpr) {
            return "the walrus binds";
        }
        if (parent instanceof Expr.Call outer && outer.args().contains(c)) {
            String callee = Ast.dotted(outer.func());
            if (callee != null && (callee.startsWith("assert") || callee.contains(".assert"))) {
                return null; // a test asserting the None result
            }
            return "the call receives";
        }
        if (parent instanceof Keyword) {
            return "the call receives";
        }
        if (parent instanceof Expr.Attribute || parent instanceof Expr.Subscript s && s.value() == c) {
            return "the expression reads from";
        }
        if (parent instanceof Stmt.For f && f.iter() == c) {
            return "the loop iterates over";
        }
        return null;
    }
}
