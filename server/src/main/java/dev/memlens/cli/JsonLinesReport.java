package dev.memlens.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;

import java.io.PrintWriter;

/**
 * {@code --format json-lines}: one JSON object per line as files finish, each with a {@code type}: {@code finding}
 * (the fields of {@code --format json}'s findings), {@code skipped}, {@code partial}, and last {@code summary}.
 */
final class JsonLinesReport implements CheckReport {
    private static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();
    private final PrintWriter out;

    JsonLinesReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        if (file.result().skipped() != null) {
            line("skipped", JsonReport.skipped(file));
        }
        for (PartialAnalysis p : file.result().partials()) {
            line("partial", JsonReport.partial(file, p));
        }
        for (int i = 0; i < file.findings().size(); i++) {
            line("finding", FindingFormats.json(file, file.findings().get(i), file.fingerprints().get(i)));
        }
        out.flush();
    }

    @Override
    public void end(CheckSummary summary) {
        line("summary", JsonReport.summary(summary));
        out.flush();
    }

    private void line(String type, JsonObject o) {
        JsonObject typed = new JsonObject();
        typed.addProperty("type", type);
        o.entrySet().forEach(e -> typed.add(e.getKey(), e.getValue()));
        out.println(COMPACT.toJson(typed));
    }
}
