package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;

import java.io.PrintWriter;

/**
 * {@code --format json}: one document, {@code findings} (one object per finding, as {@link FindingFormats#json}),
 * {@code skipped} (files the rules did not run on, and why), {@code partial} (where an analysis was cut) and
 * {@code summary}.
 */
final class JsonReport implements CheckReport {
    private final PrintWriter out;
    private final JsonArray findings = new JsonArray();
    private final JsonArray skipped = new JsonArray();
    private final JsonArray partial = new JsonArray();

    JsonReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        for (int i = 0; i < file.findings().size(); i++) {
            findings.add(FindingFormats.json(file, file.findings().get(i), file.fingerprints().get(i)));
        }
        if (file.result().skipped() != null) {
            skipped.add(skipped(file));
        }
        for (PartialAnalysis p : file.result().partials()) {
            partial.add(partial(file, p));
        }
    }

    static JsonObject skipped(CheckedFile file) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.path());
        o.addProperty("reason", file.result().skipped());
        return o;
    }

    static JsonObject partial(CheckedFile file, PartialAnalysis p) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file.path());
        o.addProperty("scope", p.scope());
        o.addProperty("line", p.line());
        o.addProperty("cause", p.cause().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("detail", p.detail());
        return o;
    }

    static JsonObject summary(CheckSummary s) {
        JsonObject o = new JsonObject();
        o.addProperty("files", s.files);
        o.addProperty("findings", s.findings);
        o.addProperty("baselined", s.baselined);
        o.addProperty("skipped", s.skipped);
        o.addProperty("partial", s.partial);
        o.addProperty("fixed", s.fixed);
        return o;
    }

    @Override
    public void end(CheckSummary summary) {
        JsonObject doc = new JsonObject();
        doc.add("findings", findings);
        doc.add("skipped", skipped);
        doc.add("partial", partial);
        doc.add("summary", summary(summary));
        FindingFormats.GSON.toJson(doc, out);
        out.println();
        out.flush();
    }
}
