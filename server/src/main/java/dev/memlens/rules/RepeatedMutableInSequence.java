package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.Patterns;
import dev.memlens.rules.support.Scopes;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Ctx;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Operator;

import java.util.ArrayList;
import java.util.List;

/** MEM103: {@code [[0] * 3] * 3}, {@code [[]] * n}, {@code [obj] * n}. */
public final class RepeatedMutableInSequence extends BaseRule {

    public RepeatedMutableInSequence() {
        super("MEM103", "repeated-mutable-in-sequence", Severity.WARNING,
                "`[e] * n` repeats one mutable object n times");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds list repetition `[e] * n` (or `n * [e]`) where `e` is a mutable container: a list, dict, set
                or bytearray display or constructor call, or a name bound to one.

                ## Why is this bad
                Repetition copies references, not objects: `[[0] * 3] * 3` is a list of three references to ONE
                inner list. Setting `grid[0][0] = 1` changes every row.

                ## Example
                ```python
                grid = [[0] * 3] * 3
                grid[0][0] = 1
                print(grid)  # [[1, 0, 0], [1, 0, 0], [1, 0, 0]]
                ```

                ## Use instead
                ```python
                grid = [[0] * 3 for _ in range(3)]
                grid[0][0] = 1
                print(grid)  # [[1, 0, 0], [0, 0, 0], [0, 0, 0]]
                ```

                ## Fix safety
                The fix builds a new element per slot with a list comprehension. It is safe when the element is a
                display without calls and the count is a plain name or literal (evaluating them n times instead of
                once changes nothing else); otherwise it is unsafe, because the element expression then runs n
                times.

                ## Known limits
                Repeating a name is only reported when the name has a single assignment in its scope. `[e] * 0`
                and `[e] * 1` share nothing and are not reported. Instances of user classes (`[Point()] * 3`) are
                not reported: a list of one shared object is a common, deliberate idiom for them.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        Ast.walk(ctx.module(), n -> {
            if (!(n instanceof Expr.BinOp b) || b.op() != Operator.MULT) {
                return;
            }
            Expr.ListDisplay list;
            Expr count;
            if (b.left() instanceof Expr.ListDisplay l && l.ctx() == Ctx.LOAD) {
                list = l;
                count = b.right();
            } else if (b.right() instanceof Expr.ListDisplay l && l.ctx() == Ctx.LOAD) {
                list = l;
                count = b.left();
            } else {
                return;
            }
            if (count instanceof Expr.Constant c && c.kind() == ConstantKind.INT
                    && (c.raw().equals("0") || c.raw().equals("1"))) {
                return;
            }
            if (count instanceof Expr.ListDisplay || count instanceof Expr.Constant c2 && c2.kind() != ConstantKind.INT) {
                return;
            }
            for (Expr elt : list.elts()) {
                ObjectFacts.Allocation a = ctx.objects().mustPointTo(elt);
                if (a == null || !a.mutable() || a.kind() == dev.memlens.rules.support.ObjectKind.INSTANCE) {
                    continue;
                }
                report(ctx, out, b, list, count, elt, a);
                return;
            }
        });
    }

    private void report(RuleContext ctx, FindingSink out, Expr.BinOp b, Expr.ListDisplay list, Expr count, Expr elt,
                        ObjectFacts.Allocation a) {
        List<Related> related = new ArrayList<>();
        String what = q(Patterns.excerpt(ctx, a.site()));
        if (a.via() != null) {
            what = "the " + a.kind().label() + " bound to " + q(a.via().name()) + " at line "
                    + ctx.line(a.via().site());
            related.add(new Related(a.site().span(), "the " + a.kind().label() + " that every slot refers to"));
        } else {
            what = "the " + a.kind().label() + " " + what;
        }
        String msg = q(Patterns.excerpt(ctx, b)) + " repeats one object, " + what + ", " + Patterns.excerpt(ctx, count)
                + " times: a change through one slot shows in all of them";
        List<Fix> fixes = new ArrayList<>();
        if (list.elts().size() == 1 && a.via() == null) {
            String eltText = ctx.text(elt);
            String countText = ctx.text(count);
            String var = Patterns.freshName(List.of("_", "_i", "_k"), eltText, countText);
            Scopes.Scope s = ctx.scopes().module();
            boolean inClass = inClassBody(ctx, b);
            if (var != null && !(inClass && Patterns.mentionsNames(elt))) {
                boolean safe = Patterns.pure(elt) && (count instanceof Expr.Name || count instanceof Expr.Constant);
                String repl = "[" + eltText + " for " + var + " in range(" + countText + ")]";
                fixes.add(Fix.of("Create a new " + a.kind().label() + " per slot: " + repl,
                        safe ? FixSafety.SAFE : FixSafety.UNSAFE,
                        List.of(new TextEdit(b.span().start(), b.span().end(), repl))));
            }
        }
        out.report(at(b, msg, related, fixes));
    }

    /** True when the node is evaluated directly in a class body (comprehensions there cannot see class names). */
    static boolean inClassBody(RuleContext ctx, dev.memlens.syntax.ast.Node n) {
        dev.memlens.syntax.ast.Node cur = ctx.parent(n);
        while (cur != null) {
            if (cur instanceof dev.memlens.syntax.ast.Stmt.ClassDef) {
                return true;
            }
            if (cur instanceof dev.memlens.syntax.ast.Stmt.FunctionDef || cur instanceof Expr.Lambda
                    || cur instanceof Expr.ListComp || cur instanceof Expr.DictComp || cur instanceof Expr.SetComp
                    || cur instanceof Expr.GeneratorExp) {
                return false;
            }
            cur = ctx.parent(cur);
        }
        return false;
    }
}
