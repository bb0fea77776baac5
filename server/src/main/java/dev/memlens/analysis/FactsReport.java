package dev.memlens.analysis;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonWriter;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Node;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The facts of one file as JSON, one entry per simple statement: {@code line} (1-based first line),
 * {@code scope} ({@code <module>} or the function's qualname), {@code mustAlias} / {@code mayAlias} name groups
 * (and, only where they would be at least a thousand pairs, {@code mayAliasAcross}: {@code [[left...], [right...]]}
 * entries saying that every left name may be the object of every right name), {@code refcounts} of the names the statement binds, and the {@code mutations} it performs with who sees them;
 * at module level, a must group of {@value RunningNames#GROUP_AS_CHANGE} names or more that the previous entry of
 * the scope had too, whose names are in no may pair, is not in {@code mustAlias} but in {@code mustAliasChanged}:
 * {@code {"like": name, "plus": [...], "minus": [...]}}, the group that held {@code like} in the previous entry with
 * {@code scope <module>}, with the {@code plus} names joined and the {@code minus} names gone (so the facts stay
 * linear in the program's size);
 * then one entry per function ({@code functions}): its {@code qualname} and summary ({@link FunctionSummary});
 * then one entry per cut body run ({@code partial}, empty when {@code complete}): {@code scope}, {@code line},
 * {@code cause} and {@code detail} ({@link PartialAnalysis}).
 */
public final class FactsReport {
    private static final String MODULE = "<module>";
    private FactsReport() {
    }

    public static JsonObject toJson(String file, String text, AnalysisResult r) {
        return toJson(file, text, r, true);
    }

    /** With {@code running} false, every statement's facts are worked out from all its names (for comparison). */
    static JsonObject toJson(String file, String text, AnalysisResult r, boolean running) {
        StringWriter out = new StringWriter();
        try {
            write(new JsonWriter(out), file, text, r, running);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return JsonParser.parseString(out.toString()).getAsJsonObject();
    }

    /**
     * Writes the facts as they are worked out, statement by statement: the facts of a module with thousands of
     * names bound to one object list every group after every statement, far more than a tree of them in the heap.
     */
    public static void write(JsonWriter w, String file, String text, AnalysisResult r) throws IOException {
        write(w, file, text, r, true);
    }

    private static void write(JsonWriter w, String file, String text, AnalysisResult r, boolean incremental)
            throws IOException {
        LineMap lines = new LineMap(text);
        w.beginObject();
        w.name("file").value(file);
        w.name("complete").value(r.complete());
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
        w.name("statements").beginArray();
        RunningNames running = null;
        boolean lastModulePinned = false;
        for (StatementFacts sf : r.statements()) {
            if (sf.unknown()) {
                continue;
            }
            if (running == null && incremental) {
                running = new RunningNames(sf.heap());
            }
            if (running != null) {
                boolean pinned = sf.pin(running, lastModulePinned);
                if (sf.scope().equals(MODULE)) {
                    lastModulePinned = pinned;
                }
            }
            try {
                statement(w, lines, sf, all, order, starts);
            } finally {
                sf.unpin();
            }
        }
        w.endArray();
        w.name("functions").beginArray();
        for (FunctionSummary f : r.summaries()) {
            w.beginObject();
            w.name("qualname").value(f.qualname());
            w.name("params");
            strings(w, f.params());
            w.name("opaque").value(f.opaque());
            if (!f.opaque()) {
                w.name("mutated");
                strings(w, f.mutated());
                w.name("stored");
                strings(w, f.stored());
                w.name("returned");
                strings(w, f.returned());
                w.name("freshResult").value(f.freshResult());
            }
            w.endObject();
        }
        w.endArray();
        w.name("partial").beginArray();
        for (PartialAnalysis p : r.partials()) {
            w.beginObject();
            w.name("scope").value(p.scope());
            w.name("line").value(p.line());
            w.name("cause").value(p.cause().name());
            w.name("detail").value(p.detail());
            w.endObject();
        }
        w.endArray();
        w.endObject();
        w.flush();
    }

    private static void statement(JsonWriter w, LineMap lines, StatementFacts sf, List<MutationFact> all,
                                  Integer[] order, int[] starts) throws IOException {
        w.beginObject();
        w.name("line").value(lines.line(sf.stmt().span().start()) + 1);
        w.name("scope").value(sf.scope());
        w.name("mustAlias");
        groups(w, sf.mustAlias());
        if (!sf.mustAliasChanges().isEmpty()) {
            // a big group as the change of the previous statement's: the group holding `like` there, plus, minus
            w.name("mustAliasChanged").beginArray();
            for (RunningNames.Change c : sf.mustAliasChanges()) {
                w.beginObject();
                w.name("like").value(c.like());
                w.name("plus");
                strings(w, c.plus());
                w.name("minus");
                strings(w, c.minus());
                w.endObject();
            }
            w.endArray();
        }
        w.name("mayAlias");
        groups(w, sf.mayAlias());
        if (!sf.mayAliasAcross().isEmpty()) {
            // many pairs as one entry: every name of the first list with every name of the second
            w.name("mayAliasAcross").beginArray();
            for (StatementFacts.Across a : sf.mayAliasAcross()) {
                w.beginArray();
                strings(w, a.left());
                strings(w, a.right());
                w.endArray();
            }
            w.endArray();
        }
        if (!sf.refcounts().isEmpty()) {
            w.name("refcounts").beginObject();
            for (Map.Entry<String, RefCount> e : sf.refcounts().entrySet()) {
                w.name(e.getKey()).value(e.getValue().toString());
            }
            w.endObject();
        }
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
        boolean any = false;
        for (int i : here) {
            MutationFact m = all.get(i);
            if (within(sf.stmt(), m.site()) && m.scope().equals(sf.scope())) {
                if (!any) {
                    w.name("mutations").beginArray();
                    any = true;
                }
                w.beginObject();
                w.name("certain").value(m.certain());
                w.name("mustSee");
                strings(w, m.mustSee());
                w.name("maySee");
                strings(w, m.maySee());
                w.endObject();
            }
        }
        if (any) {
            w.endArray();
        }
        w.endObject();
    }

    private static boolean within(Node stmt, Node site) {
        return stmt.span().covers(site.span());
    }

    private static void groups(JsonWriter w, List<List<String>> gs) throws IOException {
        w.beginArray();
        for (List<String> g : gs) {
            strings(w, g);
        }
        w.endArray();
    }

    private static void strings(JsonWriter w, List<String> l) throws IOException {
        w.beginArray();
        for (String x : l) {
            w.value(x);
        }
        w.endArray();
    }
}
