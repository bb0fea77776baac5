package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.Patterns;
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
                Finds list repetition `[e] * n` (or `n * [e]`) where `e` is a mutable container (a list, dict, set
                or bytearray display or constructor call, or a name bound to one) and an element of the result is
                then changed in place (`grid[0][0] = 1`, `buckets[i].append(x)`).

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
                Repeating a name is only reported when the name holds a mutable object of one allocation site on
                every execution the analysis follows. `[e] * 0`
                and `[e] * 1` share nothing and are not reported. The result must be bound to a name or
                `self.attr` and an element changed in place in the same function (or class): a list of shared
                elements that are only read, or replaced slot by slot, is harmless and not reported; once any slot
                is replaced (`g[i] = x`), which object a slot holds is no longer certain and nothing is reported. Instances of user classes (`[Point()] * 3`) are
                not reported: a list of one shared object is a common, deliberate idiom for them.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Expr.BinOp.class, b -> {
            if (b.op() != Operator.MULT) {
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
            boolean changed = false;
            for (dev.memlens.rules.support.ObjectKind k : Patterns.MUTATORS.keySet()) {
                changed |= elementMutation(ctx, b, k) != null;
            }
            if (!changed) {
                return; // syntax first: facts (and the analysis) only when some slot is changed in place
            }
            for (Expr elt : list.elts()) {
                ObjectFacts.Allocation a = ctx.objects().mustPointTo(elt);
                if (a == null || !a.mutable() || a.kind() == dev.memlens.rules.support.ObjectKind.INSTANCE) {
                    continue;
                }
                dev.memlens.syntax.ast.Node use = elementMutation(ctx, b, a.kind());
                if (use != null) {
                    report(ctx, out, b, list, count, elt, a, use);
                }
                return;
            }
        });
    }

    /**
     * Where an element of the repeated list is changed in place ({@code g[i].append(x)}, {@code g[i][j] = v},
     * {@code g[i] += ...}) when the list is bound to a name or {@code self.attr}; null when no such change is seen
     * (a list of shared elements that are only read or replaced slot by slot is harmless).
     */
    private static dev.memlens.syntax.ast.Node elementMutation(RuleContext ctx, Expr.BinOp b,
                                                               dev.memlens.rules.support.ObjectKind kind) {
        dev.memlens.syntax.ast.Stmt.Assign as = Ast.asAssign(ctx.parent(b));
        if (as == null || as.targets().size() != 1 || as.value() != b) {
            return null;
        }
        Expr target = as.targets().get(0);
        String holder;
        dev.memlens.syntax.ast.Node area;
        if (target instanceof Expr.Name) {
            holder = ctx.text(target);
            area = scopeNode(ctx, as);
        } else if (target instanceof Expr.Attribute at && at.value() instanceof Expr.Name self) {
            holder = ctx.text(target);
            area = ctx.module();
            if (!self.id().equals("self")) {
                return null;
            }
        } else {
            return null;
        }
        // a slot replaced anywhere (`g[i] = x`) may hold its own object: the shared one is then not certain
        boolean[] replaced = {false};
        Ast.walk(area, n -> {
            if (n instanceof Expr.Subscript s && s.ctx() == Ctx.STORE && holder.equals(ctx.text(s.value()))
                    && !(ctx.parent(s) instanceof dev.memlens.syntax.ast.Stmt.AugAssign)) {
                replaced[0] = true;
            }
        });
        if (replaced[0]) {
            return null;
        }
        dev.memlens.syntax.ast.Node[] found = {null};
        Ast.walk(area, n -> {
            if (found[0] != null || !(n instanceof Expr.Subscript s1) || s1.ctx() != Ctx.LOAD && !(ctx.parent(s1)
                    instanceof dev.memlens.syntax.ast.Stmt.AugAssign) || !holder.equals(ctx.text(s1.value()))
                    || s1.span().start() < as.span().end() && target instanceof Expr.Name) {
                return;
            }
            dev.memlens.syntax.ast.Node p = ctx.parent(s1);
            if (p instanceof Expr.Attribute m && m.value() == s1 && ctx.parent(m) instanceof Expr.Call c
                    && c.func() == m && Patterns.mutates(kind, m.attr().name())) {
                found[0] = c;
            } else if (p instanceof Expr.Subscript s2 && s2.value() == s1 && s2.ctx() != Ctx.LOAD) {
                found[0] = ctx.statementOf(s2);
            } else if (p instanceof dev.memlens.syntax.ast.Stmt.AugAssign aug && aug.target() == s1
                    && Patterns.inPlaceOperator(kind, aug.op())) {
                found[0] = aug;
            }
        });
        return found[0];
    }

    private static dev.memlens.syntax.ast.Node scopeNode(RuleContext ctx, dev.memlens.syntax.ast.Node n) {
        for (dev.memlens.syntax.ast.Node cur = ctx.parent(n); cur != null; cur = ctx.parent(cur)) {
            if (cur instanceof dev.memlens.syntax.ast.Stmt.FunctionDef || cur instanceof dev.memlens.syntax.ast.Stmt.ClassDef) {
                return cur;
            }
        }
        return ctx.module();
    }

    private void report(RuleContext ctx, FindingSink out, Expr.BinOp b, Expr.ListDisplay list, Expr count, Expr elt,
                        ObjectFacts.Allocation a, dev.memlens.syntax.ast.Node use) {
        List<Related> related = new ArrayList<>();
        related.add(new Related(use.span(), "a change through one slot, seen through every slot"));
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
