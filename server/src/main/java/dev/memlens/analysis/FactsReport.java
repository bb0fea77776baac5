package dev.memlens.analysis;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Node;
import java.util.List;
import java.util.Map;

/**
 * The facts of one file as JSON, one entry per simple statement: {@code line} (1-based first line),
 * {@code scope} ({@code <module>} or the function's qualname), {@code mustAlias} / {@code mayAlias} name groups,
 * {@code refcounts} of the names the statement binds, and the {@code mutations} it performs with who sees them;
 * then one entry per function ({@code functions}): its {@code qualname} and summary ({@link FunctionSummary});
 * then one entry per cut body run ({@code partial}, empty when {@code complete}): {@code scope}, {@code line},
 * {@code cause} and {@code detail} ({@link PartialAnalysis}).
 */
public final class FactsReport {
    private FactsReport() {
    }

    public static JsonObject toJson(String file, String text, AnalysisResult r) {
        LineMap lines = new LineMap(text);
        JsonObject root = new JsonObject();
        root.addProperty("file", file);
        root.addProperty("complete", r.complete());
        JsonArray stmts = new JsonArray();
        // mutations in source order, so that each statement finds its own by binary search
        List<MutationFact> all = r.mutations();
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> all.get(i).site().span().start()));
        int[] starts = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            starts[i] = all.get(order[i]).site().span().start();
        }
        for (StatementFacts sf : r.statements()) {
            if (sf.unknown()) {
                continue;
            }
            JsonObject o = new JsonObject();
            o.addProperty("line", lines.line(sf.stmt().span().start()) + 1);
            o.addProperty("scope", sf.scope());
            o.add("mustAlias", groups(sf.mustAlias()));
            o.add("mayAlias", groups(sf.mayAlias()));
            if (!sf.refcounts().isEmpty()) {
                JsonObject rc = new JsonObject();
                for (Map.Entry<String, RefCount> e : sf.refcounts().entrySet()) {
                    rc.addProperty(e.getKey(), e.getValue().toString());
                }
                o.add("refcounts", rc);
            }
            JsonArray mutsHere = new JsonArray();
            int from = java.util.Arrays.binarySearch(starts, sf.stmt().span().start());
            if (from < 0) {
                from = -from - 1;
            }
            while (from > 0 && starts[from - 1] == sf.stmt().span().start()) {
                from--;
            }
            List<Integer> here = new java.util.ArrayList<>();
            for (int i = from; i < starts.length && starts[i] <= sf.stmt().span().end(); i++) {
                here.add(order[i]);
            }
            here.sort(null); // in the order the analysis found them
            for (int i : here) {
                MutationFact m = all.get(i);
                if (within(sf.stmt(), m.site()) && m.scope().equals(sf.scope())) {
                    JsonObject mo = new JsonObject();
                    mo.addProperty("certain", m.certain());
                    mo.add("mustSee", strings(m.mustSee()));
                    mo.add("maySee", strings(m.maySee()));
                    mutsHere.add(mo);
                }
            }
            if (!mutsHere.isEmpty()) {
                o.add("mutations", mutsHere);
            }
            stmts.add(o);
        }
        root.add("statements", stmts);
        JsonArray fns = new JsonArray();
        for (FunctionSummary f : r.summaries()) {
            JsonObject o = new JsonObject();
            o.addProperty("qualname", f.qualname());
            o.add("params", strings(f.params()));
            o.addProperty("opaque", f.opaque());
            if (!f.opaque()) {
                o.add("mutated", strings(f.mutated()));
                o.add("stored", strings(f.stored()));
                o.add("returned", strings(f.returned()));
                o.addProperty("freshResult", f.freshResult());
            }
            fns.add(o);
        }
        root.add("functions", fns);
        JsonArray partial = new JsonArray();
        for (PartialAnalysis p : r.partials()) {
            JsonObject o = new JsonObject();
            o.addProperty("scope", p.scope());
            o.addProperty("line", p.line());
            o.addProperty("cause", p.cause().name());
            o.addProperty("detail", p.detail());
            partial.add(o);
        }
        root.add("partial", partial);
        return root;
    }

    private static boolean within(Node stmt, Node site) {
        return stmt.span().covers(site.span());
    }

    private static JsonArray groups(List<List<String>> gs) {
        JsonArray a = new JsonArray();
        for (List<String> g : gs) {
            a.add(strings(g));
        }
        return a;
    }

    private static JsonArray strings(List<String> l) {
        JsonArray a = new JsonArray();
        l.forEach(a::add);
        return a;
    }
}
