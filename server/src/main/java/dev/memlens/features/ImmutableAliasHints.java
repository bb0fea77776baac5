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
 * Learning profile: {@code y = x} shows {@code ≡ x} also when the shared object is an int, a str or another
 * immutable value, which {@link AliasHints} leaves out because sharing it can never surprise a working developer. A
 * learner reads from it what the tutorial says first: assignment binds a second name to the same object.
 */
public final class ImmutableAliasHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.ALIAS;
    }

    @Override
    public boolean learning() {
        return true;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
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
                Pts pts = sf.pointsTo().get(target.id());
                AbstractObject o = index.single(pts);
                if (o == null || !FactIndex.scalar(o.kind())) {
                    continue; // mutable ones are AliasHints' (in every profile)
                }
                List<String> others = new ArrayList<>();
                for (List<String> g : sf.mustAlias()) {
                    if (g.contains(target.id())) {
                        g.stream().filter(n -> !boundHere.contains(n)).forEach(others::add);
                    }
                }
                if (others.isEmpty()) {
                    continue;
                }
                String tooltip = "`" + target.id() + "` and `" + String.join("`, `", others) + "` name **one** "
                        + o.typeName() + " object (`" + o.label() + "`): assignment binds a name, it copies "
                        + "nothing. A " + o.typeName() + " cannot change, so rebinding one name never affects the "
                        + "other.";
                List<LabelPart> label = new ArrayList<>();
                label.add(new LabelPart("≡ ", tooltip, null));
                label.addAll(Names.nameParts(analysis, others, target.span().start(), s.span().start(), pts,
                        tooltip, Names.MAX_LABEL - 2));
                out.add(new InlayHintItem(target.span().end(), label, HintCategory.ALIAS, true, false));
            }
        }
        return out;
    }
}
