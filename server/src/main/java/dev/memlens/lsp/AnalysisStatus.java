package dev.memlens.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;

import java.util.List;

/**
 * The {@code memlens/analysisStatus} notification: where and why the analysis of a document's newest version was cut
 * ({@code AnalysisResult.partials()}), so that a client can say so (the VS Code extension shows it in the status bar)
 * instead of letting missing hints look like "nothing to report". Sent when the list changes, so an empty list
 * clears what a client shows; a document whose analysis was never cut gets none.
 *
 * <pre>{@code
 * {"uri": "file:///a.py", "version": 7,
 *  "partial": [{"scope": "crackline", "line": 120, "cause": "STEPS", "detail": "step budget: loop at line 120"}]}
 * }</pre>
 */
final class AnalysisStatus {

    private AnalysisStatus() {
    }

    static JsonObject params(String uri, int version, List<PartialAnalysis> partials) {
        JsonObject out = new JsonObject();
        out.addProperty("uri", uri);
        out.addProperty("version", version);
        JsonArray list = new JsonArray();
        for (PartialAnalysis p : partials) {
            JsonObject o = new JsonObject();
            o.addProperty("scope", p.scope());
            o.addProperty("line", p.line());
            o.addProperty("cause", p.cause().name());
            o.addProperty("detail", p.detail());
            list.add(o);
        }
        out.add("partial", list);
        return out;
    }

    /** One line for the server log. */
    static String describe(String uri, int version, List<PartialAnalysis> partials) {
        StringBuilder sb = new StringBuilder("analysis of ").append(uri).append(" v").append(version)
                .append(" is partial: ");
        for (int i = 0; i < partials.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(partials.get(i).message());
        }
        return sb.toString();
    }
}
