package dev.memlens.features;

import dev.memlens.analysis.IdentityVerdict;
import dev.memlens.analysis.ObjKind;
import dev.memlens.analysis.Pts;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * On {@code a is b} and {@code id(a) == id(b)} between immutable values: what CPython answers and why
 * ({@code True: small-int cache}, {@code False: distinct objects}). Identity of mutable objects is plain
 * aliasing and left to the alias hints.
 */
public final class IdentityHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.IDENTITY;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
        }
        List<Map.Entry<Node, IdentityVerdict>> all = new ArrayList<>(analysis.facts().identities().entrySet());
        all.sort(Comparator.comparingInt(e -> e.getKey().span().start()));
        List<InlayHintItem> out = new ArrayList<>();
        for (Map.Entry<Node, IdentityVerdict> e : all) {
            Node site = e.getKey();
            if (site.span().end() < range.start() || site.span().end() > range.end()
                    || !(site instanceof Expr.Compare c) || !immutableOperands(analysis, c)) {
                continue;
            }
            IdentityVerdict v = e.getValue();
            String answer = switch (v.answer()) {
                case SAME -> "True: ";
                case DIFFERENT -> "False: ";
                case DEPENDS -> "depends: ";
            };
            String label = answer + shortReason(v);
            String tooltip = "`is` compares identity (one object?), not value. Here: " + v.reason() + ". "
                    + (v.answer() == IdentityVerdict.Answer.DEPENDS
                    ? "Which objects CPython reuses for equal immutable values is an implementation detail: "
                    + "compare with `==`."
                    : "That is CPython's behaviour, not a language guarantee: compare values with `==`.");
            out.add(new InlayHintItem(site.span().end(), List.of(new LabelPart(label, tooltip, null)),
                    HintCategory.IDENTITY, true, false));
        }
        return out;
    }

    static String shortReason(IdentityVerdict v) {
        String r = v.reason();
        if (r.startsWith("small ints")) {
            return "small-int cache";
        }
        if (r.startsWith("identifier-like string")) {
            return "interned string";
        }
        if (r.endsWith("is a singleton")) {
            return "singleton";
        }
        if (r.startsWith("equal constants")) {
            return "one shared constant";
        }
        if (r.startsWith("both names")) {
            return "same object";
        }
        if (r.startsWith("distinct")) {
            return "distinct objects";
        }
        if (r.startsWith("differs between")) {
            return "differs per execution";
        }
        return "computed at run time";
    }

    /** Every operand (or id() argument) that is a name refers only to immutable, known objects. */
    private static boolean immutableOperands(DocumentAnalysis analysis, Expr.Compare c) {
        List<Expr> operands = new ArrayList<>();
        operands.add(c.left());
        operands.addAll(c.comparators());
        for (Expr e : operands) {
            Expr x = e instanceof Expr.Call call && call.func() instanceof Expr.Name n && n.id().equals("id")
                    && call.args().size() == 1 ? call.args().get(0) : e;
            if (x instanceof Expr.Constant) {
                continue;
            }
            Pts pts = analysis.facts().pointsTo(x);
            if (pts == null || pts.withoutUnbound().isEmpty()) {
                return false;
            }
            if (!pts.allMatch(id -> {
                ObjKind k = analysis.facts().object(id).kind();
                return k != ObjKind.UNKNOWN && !k.mutable();
            })) {
                return false;
            }
        }
        return true;
    }
}
