package dev.memlens.features;

import dev.memlens.analysis.AbstractObject;
import dev.memlens.analysis.Pts;
import dev.memlens.analysis.StatementFacts;
import dev.memlens.syntax.ast.Expr;
import dev.memlens.syntax.ast.Span;
import dev.memlens.syntax.ast.Stmt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code y = x} shows {@code ≡ x} after {@code y} when, on every execution, other names hold the object {@code y}
 * was just bound to (must-aliases only). Numbers, strings and other immutable scalars get none: sharing them is
 * invisible. Each name links to where it was bound.
 */
public final class AliasHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.ALIAS;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of(); // not interpreted (too long, or failed): no statement has facts
        }
        FactIndex index = analysis.index();
        List<InlayHintItem> out = new ArrayList<>();
        for (Stmt s : index.statementsIn(range)) {
            StatementFacts sf = index.after(s);
            List<Expr.Name> targets = Names.targets(s);
            if (sf == null || targets.isEmpty()) {
                continue;
            }
            Set<String> boundHere = new HashSet<>();
            targets.forEach(t -> boundHere.add(t.id()));
            for (Expr.Name target : targets) {
                List<String> others = new ArrayList<>();
                // the target's own group only: working out every name in scope costs thousands at module level
                for (String n : sf.mustAliasOf(target.id())) {
                    if (!boundHere.contains(n)) {
                        others.add(n);
                    }
                }
                Pts pts = sf.pointsToOf(target.id());
                AbstractObject o = pts == null ? null : index.single(pts);
                if (o != null && !others.isEmpty() && o.accessPath() != null && !o.accessPath().equals(target.id())
                        && !o.label().startsWith("parameter ") && !o.accessPath().equals(valueText(analysis, s))) {
                    others.add(o.accessPath()); // an object from outside: where the function read it (self.items)
                }
                if (others.isEmpty() || pts == null || index.allScalar(pts)) {
                    continue;
                }
                String what = o == null ? "object" : Names.describe(analysis, o);
                String tooltip = "`" + target.id() + "` and `" + String.join("`, `", others) + "` are **one** "
                        + what + ": a change made through any of them is seen through all. No copy was made.";
                List<LabelPart> label = new ArrayList<>();
                label.add(new LabelPart("≡ ", tooltip, null));
                label.addAll(Names.nameParts(analysis, others, target.span().start(), s.span().start(), pts,
                        tooltip, Names.MAX_LABEL - 2));
                out.add(new InlayHintItem(target.span().end(), label, HintCategory.ALIAS, true, false));
            }
        }
        return out;
    }

    /** The source text of an assignment's value, or null. */
    private static String valueText(DocumentAnalysis analysis, Stmt s) {
        Expr v = s instanceof Stmt.Assign a ? a.value() : s instanceof Stmt.AnnAssign a ? a.value() : null;
        return v == null ? null : analysis.source().text().substring(v.span().start(), v.span().end());
    }
}
