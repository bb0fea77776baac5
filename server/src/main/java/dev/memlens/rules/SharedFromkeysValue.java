package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.ObjectFacts;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/** MEM104: {@code dict.fromkeys(keys, [])}. */
public final class SharedFromkeysValue extends BaseRule {

    public SharedFromkeysValue() {
        super("MEM104", "shared-fromkeys-value", Severity.WARNING,
                "`dict.fromkeys(keys, v)` with a mutable `v` shares one object among all keys");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds `dict.fromkeys(keys, value)` where `value` is a mutable object (a list, dict, set or
                bytearray display or constructor call, or a name bound to one).

                ## Why is this bad
                `fromkeys` stores the SAME value object under every key. Appending to one key's list appends to
                all of them.

                ## Example
                ```python
                groups = dict.fromkeys(["a", "b"], [])
                groups["a"].append(1)
                print(groups)  # {'a': [1], 'b': [1]}
                ```

                ## Use instead
                ```python
                groups = {key: [] for key in ["a", "b"]}
                groups["a"].append(1)
                print(groups)  # {'a': [1], 'b': []}
                ```

                ## Fix safety
                The fix rewrites the call as a dict comprehension that evaluates the value once per key. It is
                safe when the value is a display without calls (each key then gets an equal, separate object);
                otherwise it is unsafe because the value expression runs once per key.

                ## Known limits
                Only the builtin `dict.fromkeys` is recognised, through the name `dict` (not subclasses such as
                `OrderedDict.fromkeys`, nor `builtins.dict.fromkeys`).
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Expr.Call.class, c -> {
            if (c.args().size() != 2 || !c.keywords().isEmpty()) {
                return;
            }
            if (!(c.func() instanceof Expr.Attribute a) || !a.attr().name().equals("fromkeys")
                    || !(a.value() instanceof Expr.Name d) || !d.id().equals("dict")) {
                return;
            }
            if (!ctx.objects().refersToBuiltin(d)) {
                return;
            }
            Expr value = c.args().get(1);
            if (value instanceof Expr.Starred || c.args().get(0) instanceof Expr.Starred) {
                return;
            }
            ObjectFacts.Allocation alloc = ctx.objects().mustPointTo(value);
            if (alloc == null || !alloc.mutable()) {
                return;
            }
            List<Related> related = new ArrayList<>();
            String what;
            if (alloc.via() != null) {
                what = "the " + alloc.kind().label() + " bound to " + q(alloc.via().name()) + " at line "
                        + ctx.line(alloc.via().site());
                related.add(new Related(alloc.site().span(), "the " + alloc.kind().label() + " every key will share"));
            } else {
                what = "the " + alloc.kind().label() + " " + q(Patterns.excerpt(ctx, value));
            }
            String msg = "`dict.fromkeys` stores one object, " + what
                    + ", under every key: a change through one key shows under all of them";
            List<Fix> fixes = new ArrayList<>();
            String keys = ctx.text(c.args().get(0));
            String valueText = ctx.text(value);
            String var = Patterns.freshName(List.of("key", "k", "_key"), keys, valueText);
            if (var != null && alloc.via() == null
                    && !(RepeatedMutableInSequence.inClassBody(ctx, c) && Patterns.mentionsNames(value))) {
                String repl = "{" + var + ": " + valueText + " for " + var + " in " + keys + "}";
                fixes.add(Fix.of("Use a dict comprehension: " + Patterns.excerpt(ctx, value) + " per key",
                        Patterns.pure(value) ? FixSafety.SAFE : FixSafety.UNSAFE,
                        List.of(new TextEdit(c.span().start(), c.span().end(), repl))));
            }
            out.report(at(c, msg, related, fixes));
        });
    }
}
