package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Severity;

import java.io.PrintWriter;

/**
 * {@code --format gitlab}: a GitLab code quality report (a JSON array of issues with {@code description},
 * {@code check_name}, {@code fingerprint}, {@code severity} and {@code location.path}/{@code lines.begin}).
 * Skipped files and partial analyses are issues too ({@code memlens/skipped}, {@code memlens/partial-analysis}):
 * the format has no other place for them.
 */
final class GitlabReport implements CheckReport {
    private final PrintWriter out;
    private final JsonArray issues = new JsonArray();

    GitlabReport(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void file(CheckedFile file) {
        String path = file.slashPath();
        if (file.result().skipped() != null) {
            issues.add(issue("skipped: " + file.result().skipped(), "memlens/skipped", "minor", path, 1, 1,
                    CheckedFile.sha256(path + "\nskipped")));
        }
        for (PartialAnalysis p : file.result().partials()) {
            issues.add(issue("partially analyzed: " + p.message(), "memlens/partial-analysis", "info", path,
                    p.line(), p.line(), CheckedFile.sha256(path + "\npartial\n" + p.scope() + "\n" + p.cause())));
        }
        for (int i = 0; i < file.findings().size(); i++) {
            Finding f = file.findings().get(i);
            int begin = file.lines().line(f.span().start()) + 1;
            int end = file.lines().line(f.span().end()) + 1;
            // the fingerprint must be unique in the project: the file's path joins the in-file fingerprint
            issues.add(issue(f.code() + " " + f.message(), f.code(), severity(f.severity()), path, begin, end,
                    CheckedFile.sha256(path + "\n" + file.fingerprints().get(i))));
        }
    }

    @Override
    public void end(CheckSummary summary) {
        FindingFormats.GSON.toJson(issues, out);
        out.println();
        out.flush();
    }

    static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "critical";
            case WARNING -> "major";
            case INFORMATION -> "minor";
            case HINT -> "info";
        };
    }

    private static JsonObject issue(String description, String check, String severity, String path, int begin,
                                    int end, String fingerprint) {
        JsonObject o = new JsonObject();
        o.addProperty("description", description);
        o.addProperty("check_name", check);
        o.addProperty("fingerprint", fingerprint);
        o.addProperty("severity", severity);
        JsonObject lines = new JsonObject();
        lines.addProperty("begin", begin);
        lines.addProperty("end", end);
        JsonObject location = new JsonObject();
        location.addProperty("path", path);
        location.add("lines", lines);
        o.add("location", location);
        return o;
    }
}
