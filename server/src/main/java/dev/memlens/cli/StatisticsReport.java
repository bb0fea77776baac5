package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --statistics}: instead of the findings, how many each rule reported, most first; a JSON array with
 * {@code --format json}.
 */
final class StatisticsReport implements CheckReport {
    private final PrintWriter out;
    private final boolean json;

    StatisticsReport(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void file(CheckedFile file) {
    }

    @Override
    public void end(CheckSummary summary) {
        List<Map.Entry<String, Object[]>> rows = new ArrayList<>(summary.byRule.entrySet());
        rows.sort((a, b) -> Integer.compare((Integer) b.getValue()[1], (Integer) a.getValue()[1]));
        if (json) {
            JsonArray arr = new JsonArray();
            for (var row : rows) {
                JsonObject o = new JsonObject();
                o.addProperty("code", row.getKey());
                o.addProperty("name", (String) row.getValue()[0]);
                o.addProperty("count", (Integer) row.getValue()[1]);
                arr.add(o);
            }
            FindingFormats.GSON.toJson(arr, out);
            out.println();
        } else {
            for (var row : rows) {
                out.printf(Locale.ROOT, "%6d  %-7s %s%n", (Integer) row.getValue()[1], row.getKey(),
                        row.getValue()[0]);
            }
            if (summary.skipped > 0) {
                out.printf(Locale.ROOT, "%6d  files skipped (unreadable or not parsing)%n", summary.skipped);
            }
            if (summary.partial > 0) {
                out.printf(Locale.ROOT, "%6d  files partially analyzed%n", summary.partial);
            }
        }
        out.flush();
    }
}
