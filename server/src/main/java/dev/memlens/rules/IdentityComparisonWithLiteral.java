package dev.memlens.rules;

import dev.memlens.rules.support.Ast;
import dev.memlens.rules.support.Patterns;
import dev.memlens.syntax.ast.CmpOperator;
import dev.memlens.syntax.ast.ConstantKind;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.UnaryOperator;

import java.util.ArrayList;
import java.util.List;

/** MEM301: {@code x is "a"}, {@code x is 1000}, {@code x is []}. */
public final class IdentityComparisonWithLiteral extends BaseRule {

    public IdentityComparisonWithLiteral() {
        super("MEM301", "identity-comparison-with-literal", Severity.WARNING,
                "`is` / `is not` compares identity with a literal whose identity is not guaranteed");
    }

    @Override
    public String explanation() {
        return """
                ## What it does
                Finds `is` and `is not` comparisons where one side is a str, bytes, number, tuple, list, dict or set
                literal.

                ## Why is this bad
                `is` compares object identity, not value. Whether two equal strings or numbers are the same object
                is a CPython implementation detail: small ints (-5..256) are cached, equal constants in one code
                object are merged and identifier-like strings are interned, but values computed at run time
                (`int("1000")`, `"".join(parts)`) are new objects. The comparison then flips from `True` to `False`
                depending on where the value came from. A list, dict or set display creates a new object every
                time, so `x is []` is always `False`. CPython itself warns (`SyntaxWarning: "is" with a literal`).

                ## Example
                ```python
                def is_default(mode):
                    return mode is "default"
                ```

                ## Use instead
                ```python
                def is_default(mode):
                    return mode == "default"
                ```

                ## Fix safety
                The fix replaces `is` with `==` and `is not` with `!=`. It is safe: for these literals identity
                only ever agreed with equality by accident.

                ## Known limits
                `None`, `True`, `False` and `...` are singletons and are never reported.
                """;
    }

    @Override
    public void check(RuleContext ctx, FindingSink out) {
        ctx.forEach(Expr.Compare.class, c -> {
            Expr left = c.left();
            for (int i = 0; i < c.ops().size(); i++) {
                CmpOperator op = c.ops().get(i);
                Expr right = c.comparators().get(i);
                if (op == CmpOperator.IS || op == CmpOperator.IS_NOT) {
                    String kind = literalKind(right);
                    Expr literal = right;
                    if (kind == null) {
                        kind = literalKind(left);
                        literal = left;
                    }
                    if (kind != null) {
                        report(ctx, out, c, left, right, op, literal, kind);
                    }
                }
                left = right;
            }
        });
    }

    private void report(RuleContext ctx, FindingSink out, Expr.Compare c, Expr left, Expr right, CmpOperator op,
                        Expr literal, String kind) {
        boolean not = op == CmpOperator.IS_NOT;
        String opText = not ? "is not" : "is";
        String replacement = not ? "!=" : "==";
        List<Fix> fixes = new ArrayList<>();
        int[] at = Patterns.operatorBetween(ctx, left, right, not ? "\\bis\\s+not\\b" : "\\bis\\b");
        if (at != null) {
            fixes.add(Fix.safe("Use `" + replacement + "`", List.of(new TextEdit(at[0], at[1], replacement))));
        }
        boolean fresh = kind.equals("list") || kind.equals("dict") || kind.equals("set");
        String why = fresh
                ? "a " + kind + " display creates a new object each time, so `" + opText + "` is always "
                + (not ? "True" : "False")
                : "equal " + kind + " values need not be the same object (caching and interning are CPython details)";
        String msg = "`" + opText + "` compares identity with the " + kind + " literal "
                + q(Patterns.excerpt(ctx, literal)) + ": " + why + "; use `" + replacement + "`";
        out.report(finding(new dev.memlens.syntax.ast.Span(left.span().start(), right.span().end()), msg,
                List.of(), fixes));
    }

    /** The literal's kind name when e is a literal whose identity is not guaranteed, else null. */
    static String literalKind(Expr e) {
        if (e instanceof Expr.Constant c) {
            switch (c.kind()) {
                case STR: return "str";
                case BYTES: return "bytes";
                case INT: return "int";
                case FLOAT: return "float";
                case COMPLEX: return "complex";
                default: return null;
            }
        }
        if (e instanceof Expr.JoinedStr) {
            return "str";
        }
        if (e instanceof Expr.UnaryOp u && (u.op() == UnaryOperator.USUB || u.op() == UnaryOperator.UADD)
                && u.operand() instanceof Expr.Constant c && c.kind() != ConstantKind.STR
                && c.kind() != ConstantKind.BYTES) {
            return literalKind(c);
        }
        if (e instanceof Expr.TupleDisplay) {
            return "tuple";
        }
        if (e instanceof Expr.ListDisplay) {
            return "list";
        }
        if (e instanceof Expr.DictDisplay) {
            return "dict";
        }
        if (e instanceof Expr.SetDisplay) {
            return "set";
        }
        return null;
    }
}
