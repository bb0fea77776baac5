package dev.memlens.features;

import dev.memlens.analysis.MutationFact;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code b.append(1)} shows {@code also changes a} when the object changed in place is also reached through other
 * names; names that only may see it get "may". Names written in the changing expression itself are not repeated.
 */
public final class MutationHints implements InlayHintProvider {

    @Override
    public HintCategory category() {
        return HintCategory.MUTATION;
    }

    @Override
    public List<InlayHintItem> hints(DocumentAnalysis analysis, Span range, Settings.Hints settings,
                                     Cancellation cancel) {
        if (analysis.facts() == null) {
            return List.of();
        }
        Map<Node, Map<String, String>> must = new IdentityHashMap<>(); // name -> how it sees the change
        Map<Node, Set<String>> may = new IdentityHashMap<>();
        List<Node> order = new ArrayList<>();
        for (MutationFact m : analysis.facts().mutations()) {
            Span sp = m.site().span();
            if (sp.end() < range.start() || sp.end() > range.end()) {
                continue;
            }
            if (!must.containsKey(m.site())) {
                order.add(m.site());
                must.put(m.site(), new java.util.LinkedHashMap<>());
                may.put(m.site(), new LinkedHashSet<>());
            }
            if (m.certain()) {
                for (int i = 0; i < m.mustSee().size(); i++) {
                    must.get(m.site()).putIfAbsent(m.mustSee().get(i), m.mustSeePaths().get(i));
                }
            } else {
                may.get(m.site()).addAll(m.mustSee());
            }
            may.get(m.site()).addAll(m.maySee());
        }
        List<InlayHintItem> out = new ArrayList<>();
        for (Node site : order) {
            Set<String> written = Names.namesIn(site);
            List<String> sure = new ArrayList<>();
            List<String> sureShown = new ArrayList<>();
            must.get(site).forEach((n, path) -> {
                if (!written.contains(n)) {
                    sure.add(n);
                    sureShown.add(path);
                }
            });
            List<String> maybe = new ArrayList<>();
            for (String n : may.get(site)) {
                if (!written.contains(n) && !must.get(site).containsKey(n)) {
                    maybe.add(n);
                }
            }
            if (sure.isEmpty() && maybe.isEmpty()) {
                continue;
            }
            String tooltip = "This changes an object in place. "
                    + (sure.isEmpty() ? "" : "`" + String.join("`, `", sureShown) + "` "
                    + (sure.size() == 1 ? "refers to" : "refer to") + " it (or reach it), so "
                    + (sure.size() == 1 ? "it sees" : "they see") + " the change. ")
                    + (maybe.isEmpty() ? "" : "`" + String.join("`, `", maybe) + "` may see it too, on some paths.");
            List<LabelPart> label = new ArrayList<>();
            int start = site.span().start();
            if (!sure.isEmpty()) {
                String head = "also changes ";
                label.add(new LabelPart(head, tooltip, null));
                label.addAll(Names.nameParts(analysis, sure, sureShown, start, start, null, tooltip,
                        Names.MAX_LABEL - head.length()));
            } else {
                String head = "may also change ";
                label.add(new LabelPart(head, tooltip, null));
                label.addAll(Names.nameParts(analysis, maybe, start, start, null, tooltip,
                        Names.MAX_LABEL - head.length()));
            }
            out.add(new InlayHintItem(site.span().end(), label, HintCategory.MUTATION, true, false));
        }
        return out;
    }
}
