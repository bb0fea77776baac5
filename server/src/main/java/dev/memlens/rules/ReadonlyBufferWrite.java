package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/** MEM601: {@code memoryview(b"abc")[0] = 1}. */
public final class ReadonlyBufferWrite extends BaseRule {

    public ReadonlyBufferWrite() {
        super("MEM601", "readonly-buffer-write", Severity.ERROR,
                "a write through a memoryview of an immutable buffer (bytes)");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds item or slice assignment through a `memoryview` whose buffer is a `bytes` object (or a
                slice or `cast` of such a view, or a view made read-only with `toreadonly()`).

                ## Why is this bad
                A memoryview exposes the memory of its object without copying. `bytes` is immutable, so the view
                is read-only and any write raises `TypeError: cannot modify read-only memory`.

                ## Example
                ```python
                view = memoryview(b"abc")
                view[0] = ord("x")   # TypeError
                ```

                ## Use instead
                ```python
                buf = bytearray(b"abc")
                view = memoryview(buf)
                view[0] = ord("x")   # buf == bytearray(b"xbc")
                ```

                ## Fix safety
                No automatic fix: switching to a `bytearray` changes what other code holding the `bytes` sees.

                ## Known limits
                The view and its buffer must be known on every execution the analysis follows: `memoryview(...)`
                of a bytes literal or `bytes(...)` result, a slice or `cast` of such a view, or a name that always
                holds one.
                Writes inside `try` blocks with handlers or `assertRaises` contexts are not reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        if (!ctx.text().contains("memoryview")) {
            return; // the analysis makes views only where `memoryview(...)` is called
        }
        ctx.forEachOf(n -> {
            if (n instanceof Stmt.Assign as) {
                for (Expr t : as.targets()) {
                    if (t instanceof Expr.Subscript s) {
                        check(ctx, out, s, as);
                    }
                }
                return;
            }
            if (n instanceof Stmt.AugAssign aug && aug.target() instanceof Expr.Subscript s) {
                check(ctx, out, s, aug);
            }
        }, Stmt.Assign.class, Stmt.AugAssign.class);
    }

    private void check(RuleContext ctx, FindingSink out, Expr.Subscript s, Stmt stmt) {
        List<Related> related = new ArrayList<>();
        Expr buffer = readonlyBuffer(ctx, s.value(), related, 0);
        if (buffer == null || Patterns.expectedToRaise(ctx, stmt)) {
            return;
        }
        String msg = "writes through " + q(Patterns.excerpt(ctx, s.value())) + ", a read-only memoryview of the bytes "
                + q(Patterns.excerpt(ctx, buffer)) + " (line " + ctx.line(buffer) + "): this raises TypeError";
        related.add(0, new Related(buffer.span(), "the immutable buffer"));
        out.report(at(s, msg, related, List.of()));
    }

    /** {@code memoryview(...)}, {@code x.cast(...)}, a slice, or something holding one of them. */
    private static boolean mayMakeView(Expr v) {
        boolean[] found = {false};
        dev.memlens.rules.support.Ast.walk(v, n -> {
            found[0] |= n instanceof Expr.Name nm && nm.id().equals("memoryview")
                    || n instanceof Expr.Attribute a && a.attr().name().equals("cast")
                    || n instanceof Expr.Subscript s && s.slice() instanceof Expr.Slice;
        });
        return found[0];
    }

    /** The bytes object behind a read-only view expression, or null when not known to be one. */
    private Expr readonlyBuffer(RuleContext ctx, Expr e, List<Related> related, int depth) {
        if (depth > 6 || e == null) {
            return null;
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Name f && f.id().equals("memoryview")
                && c.args().size() == 1 && ctx.objects().refersToBuiltin(f)) {
            ObjectFacts.Allocation a = ctx.objects().mustPointTo(c.args().get(0));
            if (a != null && a.kind() == ObjectKind.BYTES) {
                related.add(new Related(c.span(), "the memoryview"));
                return a.site();
            }
            return null;
        }
        if (e instanceof Expr.Call c && c.func() instanceof Expr.Attribute at) {
            String m = at.attr().name();
            if (m.equals("cast")) {
                return readonlyBuffer(ctx, at.value(), related, depth + 1);
            }
            return null;
        }
        if (e instanceof Expr.Subscript sub && sub.slice() instanceof Expr.Slice && sub.ctx() == Ctx.LOAD) {
            return readonlyBuffer(ctx, sub.value(), related, depth + 1);
        }
        if (e instanceof Expr.Name name && name.ctx() == Ctx.LOAD) {
            if (ctx.assignedValues(name).stream().noneMatch(ReadonlyBufferWrite::mayMakeView)) {
                return null; // syntax first: only names assigned a view-making expression somewhere
            }
            // the view object the name must hold, followed to the expression that made it
            ObjectFacts.Allocation a = ctx.objects().mustPointTo(name);
            if (a == null || a.kind() != ObjectKind.MEMORYVIEW || a.site() == name) {
                return null;
            }
            return readonlyBuffer(ctx, a.site(), related, depth + 1);
        }
        return null;
    }
}
