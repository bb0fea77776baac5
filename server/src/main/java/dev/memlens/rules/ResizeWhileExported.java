package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Operator;
import dev.memlens.syntax.ast.Stmt;
import dev.memlens.syntax.ast.WithItem;

import java.util.List;
import java.util.Set;

/** MEM602: {@code view = memoryview(buf); buf.append(0)}. */
public final class ResizeWhileExported extends BaseRule {

    private static final Set<String> RESIZERS = Set.of("append", "extend", "insert", "pop", "remove", "clear");

    public ResizeWhileExported() {
        super("MEM602", "resize-while-exported", Severity.ERROR,
                "a bytearray is resized while a memoryview of it is alive");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds a `bytearray` that is resized (`append`, `extend`, `insert`, `pop`, `remove`, `clear`,
                `+=`, `*=`, `del b[i]`) after a `memoryview` of it was bound to a name and before that view was
                released (`view.release()`, `del view`, rebinding the name, or the end of its `with` block).

                ## Why is this bad
                A memoryview points into the bytearray's memory. Resizing may move that memory, so CPython
                refuses while any view exists: `BufferError: Existing exports of data: object cannot be re-sized`.

                ## Example
                ```python
                buf = bytearray(b"abc")
                view = memoryview(buf)
                buf.append(100)   # BufferError
                ```

                ## Use instead
                ```python
                buf = bytearray(b"abc")
                with memoryview(buf) as view:
                    first = view[0]
                buf.append(100)   # the view is released
                ```

                ## Fix safety
                No automatic fix: where the view should be released depends on what still uses it.

                ## Known limits
                The view and the resize must be in the same block (or the resize nested inside a later statement
                of that block). Resizes inside `try` blocks with handlers or `assertRaises` contexts are not
                reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        if (!ctx.text().contains("memoryview") || !ctx.text().contains("bytearray")) {
            // the analysis makes views only where `memoryview(...)` is called, and knows a bytearray only from
            // `bytearray` written in the file (the builtin, an annotation) or from one (a slice, `+`, `*`)
            return;
        }
        ctx.forEachNode(n -> {
            if (n instanceof Stmt.With w) {
                for (WithItem it : w.items()) {
                    Expr.Name buf = viewedBytearray(ctx, it.contextExpr());
                    if (buf != null) {
                        String view = it.optionalVars() != null ? ctx.text(it.optionalVars()) : null;
                        scan(ctx, out, w.body(), 0, buf, view, it.contextExpr());
                    }
                }
            }
            for (List<Stmt> block : Ast.blocks(n)) {
                for (int i = 0; i < block.size(); i++) {
                    if (block.get(i) instanceof Stmt.Assign as && as.targets().size() == 1
                            && as.targets().get(0) instanceof Expr.Name view) {
                        Expr.Name buf = viewedBytearray(ctx, as.value());
                        if (buf != null) {
                            scan(ctx, out, block, i + 1, buf, view.id(), as.value());
                        }
                    }
                }
            }
        });
    }

    /** The bytearray name X when e is {@code memoryview(X)} (or a slice of it) and X is known to be a bytearray. */
    private Expr.Name viewedBytearray(RuleContext ctx, Expr e) {
        if (e instanceof Expr.Subscript s) {
            e = s.value();
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("memoryview")
                && c.args().size() == 1 && c.args().get(0) instanceof Expr.Name buf
                && ctx.objects().refersToBuiltin(f)) {
            ObjectFacts.Allocation a = ctx.objects().mustPointTo(buf);
            if (a != null && a.kind() == ObjectKind.BYTEARRAY) {
                return buf;
            }
        }
        return null;
    }

    private void scan(RuleContext ctx, FindingSink out, List<Stmt> block, int from, Expr.Name buf, String view,
                      Expr viewSite) {
        for (int i = from; i < block.size(); i++) {
            Stmt st = block.get(i);
            if (view != null && releases(st, view)) {
                return;
            }
            Node resize = findResize(ctx, st, buf.id());
            if (resize != null) {
                String msg = q(buf.id()) + " (the bytearray bound at line " + bufLine(ctx, buf)
                        + ") is resized while the memoryview " + (view != null ? q(view) + " " : "") + "from line "
                        + ctx.line(viewSite) + " still exports it: this raises BufferError";
                out.report(at(resize, msg, List.of(new Related(viewSite.span(), "the memoryview that is still alive")),
                        List.of()));
                return;
            }
            if (rebinds(st, buf.id()) || st instanceof Stmt.Return || st instanceof Stmt.Raise || st instanceof Stmt.Break
                    || st instanceof Stmt.Continue) {
                return;
            }
        }
    }

    private static int bufLine(RuleContext ctx, Expr.Name buf) {
        ObjectFacts.Allocation a = ctx.objects().mustPointTo(buf);
        return a != null && a.via() != null ? ctx.line(a.via().site()) : ctx.line(buf);
    }

    private static boolean releases(Stmt st, String view) {
        boolean[] hit = {false};
        Ast.walk(st, n -> {
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name v
                    && v.id().equals(view) && a.attr().name().equals("release")) {
                hit[0] = true;
            }
            if (n instanceof Expr.Name nm && nm.id().equals(view) && nm.ctx() != dev.memlens.syntax.ast.Ctx.LOAD) {
                hit[0] = true;
            }
            if (n instanceof Stmt.With w) {
                for (WithItem it : w.items()) {
                    if (it.contextExpr() instanceof Expr.Name nm && nm.id().equals(view)) {
                        hit[0] = true;
                    }
                }
            }
        });
        return hit[0];
    }

    private static boolean rebinds(Stmt st, String name) {
        boolean[] hit = {false};
        Ast.walk(st, n -> {
            if (n instanceof Expr.Name nm && nm.id().equals(name) && nm.ctx() != dev.memlens.syntax.ast.Ctx.LOAD) {
                hit[0] = true;
            }
        });
        return hit[0];
    }

    private static Node findResize(RuleContext ctx, Stmt st, String buf) {
        Node[] found = {null};
        java.util.function.Consumer<Node> visit = n -> {
            if (found[0] != null) {
                return;
            }
            Node hit = null;
            if (n instanceof Expr.Call c && c.func() instanceof Expr.Attribute a && a.value() instanceof Expr.Name b
                    && b.id().equals(buf) && RESIZERS.contains(a.attr().name())) {
                hit = c;
            } else if (n instanceof Stmt.AugAssign aug && aug.target() instanceof Expr.Name b && b.id().equals(buf)
                    && (aug.op() == Operator.ADD || aug.op() == Operator.MULT)) {
                hit = aug;
            } else if (n instanceof Stmt.Delete d) {
                for (Expr t : d.targets()) {
                    if (t instanceof Expr.Subscript s && s.value() instanceof Expr.Name b && b.id().equals(buf)) {
                        hit = d;
                    }
                }
            }
            if (hit != null && !Patterns.expectedToRaise(ctx, hit)) {
                found[0] = hit;
            }
        };
        visit.accept(st);
        if (!(st instanceof Stmt.FunctionDef || st instanceof Stmt.ClassDef)) {
            Ast.walkSameScope(st, visit);
        }
        return found[0];
    }
}
