package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.ObjectKind;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/** MEM502: {@code t[0] += [1]} on a tuple. */
public final class TupleItemAugmentedAssignment extends BaseRule {

    public TupleItemAugmentedAssignment() {
        super("MEM502", "tuple-item-augmented-assignment", Severity.ERROR,
                "`t[i] += ...` on a tuple mutates the element and then raises TypeError");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds augmented assignment to an item of a tuple: `t[i] += x`, `t[i] *= n`, ...

                ## Why is this bad
                `t[i] += x` runs in two steps: `t[i].__iadd__(x)` and then `t[i] = result`. When the element is a
                list, the first step appends to it in place; the second step then raises
                `TypeError: 'tuple' object does not support item assignment`. The program fails AND the element has
                changed.

                ## Example
                ```python
                t = ([1], [2])
                t[0] += [3]   # TypeError, yet t == ([1, 3], [2])
                ```

                ## Use instead
                ```python
                t = ([1], [2])
                t[0].extend([3])
                ```

                ## Fix safety
                No automatic fix: whether the element should be extended in place or the tuple rebuilt is the
                author's choice.

                ## Known limits
                Only tuples created by a display (or a name with a single such assignment) are recognised. Code
                inside `try` blocks with handlers or `assertRaises` contexts is not reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Stmt.AugAssign.class, aug -> {
            if (!(aug.target() instanceof Expr.Subscript sub)) {
                return;
            }
            if (sub.value() instanceof Expr.Name nm && ctx.assignedValues(nm).stream().noneMatch(v ->
                    v instanceof Expr.TupleDisplay || v instanceof Expr.Call c && c.func() instanceof Expr.Name f
                            && f.id().equals("tuple"))) {
                return; // syntax first: the name must be assigned a tuple display or tuple(...) somewhere
            }
            ObjectFacts.Allocation alloc = ctx.objects().mustPointTo(sub.value());
            if (alloc == null || alloc.kind() != ObjectKind.TUPLE || Patterns.expectedToRaise(ctx, aug)) {
                return;
            }
            List<Related> related = new ArrayList<>();
            String where = "";
            if (alloc.via() != null) {
                where = " (bound at line " + ctx.line(alloc.via().site()) + ")";
                related.add(new Related(alloc.site().span(), "the tuple"));
            }
            String op = aug.op().symbol() + "=";
            String msg = q(Patterns.excerpt(ctx, sub.value())) + " is a tuple" + where + ": `" + Patterns.excerpt(ctx, sub)
                    + " " + op + " ...` first updates the element in place (if it is mutable) and then raises "
                    + "TypeError because a tuple item cannot be assigned";
            out.report(at(aug, msg, related, List.of()));
        });
    }
}
