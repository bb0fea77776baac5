package dev.memlens.features;

import dev.memlens.analysis.MutationFact;
import dev.memlens.syntax.ast.Node;
import dev.memlens.syntax.ast.Span;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code b.append(1)} shows {@code also changes a} when the object changed in place is also reached through other
 * names on every run of the statement the analysis recorded (every call context, the function's run for unknown
 * callers), named by the access path that reaches it ({@code also changes config["tags"]}); names that see it on
 * some runs or paths only get "may". Names written in the changing expression itself are not repeated.
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
        // keyed by where the hint goes: a statement and its target can both change objects (x.n += 1) and end there
        Map<Integer, Map<String, String>> must = new java.util.HashMap<>(); // name -> how it sees the change
        Map<Integer, Set<String>> may = new java.util.HashMap<>();
        Map<Integer, Node> order = new java.util.LinkedHashMap<>();
        for (MutationFact m : analysis.facts().mutations()) {
            Span sp = m.site().span();
            if (sp.end() < range.start() || sp.end() > range.end()) {
                continue;
            }
            Integer at = sp.end();
            boolean first = !must.containsKey(at);
            if (first) {
                order.put(at, m.site());
                must.put(at, new java.util.LinkedHashMap<>());
                may.put(at, new LinkedHashSet<>());
            }
            // a name sees the change for sure only when it does in every run of the site recorded (every call
            // context, the function's run for unknown callers); in some: "may"
            Map<String, String> sure = new java.util.LinkedHashMap<>();
            if (m.certain()) {
                for (int i = 0; i < m.mustSee().size(); i++) {
                    sure.put(m.mustSee().get(i), m.mustSeePaths().get(i));
                }
            } else {
                may.get(at).addAll(m.mustSee());
            }
            may.get(at).addAll(m.maySee());
            Map<String, String> before = must.get(at);
            if (first) {
                before.putAll(sure);
            } else {
                before.keySet().removeIf(n -> {
                    boolean gone = !sure.containsKey(n);
                    if (gone) {
                        may.get(at).add(n);
                    }
                    return gone;
                });
                // seen through other paths in other runs of the site (loop iterations, calls): the name alone
                before.replaceAll((n, path) -> path.equals(sure.get(n)) ? path : n);
                sure.keySet().stream().filter(n -> !before.containsKey(n)).forEach(may.get(at)::add);
            }
        }
        List<InlayHintItem> out = new ArrayList<>();
        for (Map.Entry<Integer, Node> e : order.entrySet()) {
            Node site = e.getValue();
            Set<String> written = Names.namesIn(site);
            Map<String, String> sites = must.get(e.getKey());
            Set<String> maybeNames = may.get(e.getKey());
            List<String> sure = new ArrayList<>();
            List<String> sureShown = new ArrayList<>();
            sites.forEach((n, path) -> {
                if (!written.contains(n)) {
                    sure.add(n);
                    sureShown.add(path);
                }
            });
            List<String> maybe = new ArrayList<>();
            for (String n : maybeNames) {
                if (!written.contains(n) && !sites.containsKey(n)) {
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
