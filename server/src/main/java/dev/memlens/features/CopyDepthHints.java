package dev.memlens.features;

import dev.memlens.analysis.CopyFact;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** At a copy ({@code copy.copy}, {@code list(x)}, {@code x[:]}, {@code .copy()}, {@code deepcopy}): how deep it is. */
public final class CopyDepthHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.COPY_DEPTH;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
        }
        List<InlayHintItem> out = new ArrayList<>();
        List<Map.Entry<Node, CopyFact>> copies = new ArrayList<>(analysis.facts().copies().entrySet());
        copies.sort(Comparator.comparingInt(e -> e.getKey().span().start()));
        for (Map.Entry<Node, CopyFact> e : copies) {
            Span sp = e.getKey().span();
            if (sp.end() < range.start() || sp.end() > range.end()) {
                continue;
            }
            CopyFact c = e.getValue();
            String label;
            String tooltip;
            if (c.depth() == CopyFact.Depth.DEEP) {
                label = "deep: shares nothing";
                tooltip = "A **deep** copy: nested mutable objects are copied too, so changing them through the copy "
                        + "never reaches the original.";
            } else if (c.sharedMutables() > 0) {
                int n = c.sharedMutables();
                label = "shallow: shares " + n + " mutable item" + (n == 1 ? "" : "s");
                tooltip = "A **shallow** copy: a new outer container holding the *same* element objects. " + n
                        + " of them " + (n == 1 ? "is" : "are") + " mutable, so changing "
                        + (n == 1 ? "it" : "them") + " through the copy changes the original too. "
                        + "Use `copy.deepcopy` for independent nested objects.";
            } else {
                label = "shallow: nothing mutable shared";
                tooltip = "A **shallow** copy: a new outer container holding the same element objects; none of them "
                        + "can change in place, so the copy behaves as an independent one.";
            }
            out.add(new InlayHintItem(sp.end(), List.of(new LabelPart(label, tooltip, null)),
                    HintCategory.COPY_DEPTH, true, false));
        }
        return out;
    }
}
