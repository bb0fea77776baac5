package dev.memlens.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Fix;
import dev.memlens.rules.Related;
import dev.memlens.rules.Rule;
import dev.memlens.rules.RuleDocs;
import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.Severity;
import dev.memlens.rules.TextEdit;
import dev.memlens.syntax.LineMap;
import dev.memlens.syntax.ast.Span;

import java.util.List;

/** The three output formats of {@code memlens check}: text for people, JSON for scripts, SARIF for code scanning. */
final class FindingFormats {
    private FindingFormats() {
    }

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** {@code path:line:col: CODE message}, the source line, and a caret under the range (first line only). */
    static String text(CheckEngine.FileResult r, Finding f) {
        LineMap map = new LineMap(r.text());
        LineMap.Position start = map.position(f.span().start(), LineMap.Encoding.UTF32);
        StringBuilder sb = new StringBuilder();
        sb.append(r.path()).append(':').append(start.line() + 1).append(':').append(start.column() + 1).append(": ")
                .append(f.code()).append(' ').append(f.message());
        if (f.severity() != Severity.WARNING) {
            sb.append(" [").append(f.severity().label()).append(']');
        }
        sb.append('\n');
        int ls = map.lineStart(start.line());
        int le = map.lineEnd(start.line());
        String line = r.text().substring(ls, le).replace("\t", " ");
        String gutter = String.format("%5d | ", start.line() + 1);
        sb.append(gutter).append(line.stripTrailing()).append('\n');
        int caretFrom = r.text().codePointCount(ls, f.span().start());
        int caretTo = r.text().codePointCount(ls, Math.min(Math.max(f.span().end(), f.span().start() + 1), le));
        sb.append(" ".repeat(gutter.length() - 2)).append("| ").append(" ".repeat(caretFrom))
                .append("^".repeat(Math.max(1, caretTo - caretFrom))).append('\n');
        for (Fix x : f.fixes()) {
            sb.append(" ".repeat(gutter.length() - 2)).append("= fix (").append(x.safety().name().toLowerCase())
                    .append("): ").append(x.title()).append('\n');
        }
        return sb.toString();
    }

    private static void range(JsonObject o, LineMap map, int startOff, int endOff) {
        LineMap.Position s = map.position(startOff, LineMap.Encoding.UTF32);
        LineMap.Position e = map.position(endOff, LineMap.Encoding.UTF32);
        o.addProperty("line", s.line() + 1);
        o.addProperty("column", s.column() + 1);
        o.addProperty("endLine", e.line() + 1);
        o.addProperty("endColumn", e.column() + 1);
    }

    /** One JSON object per finding (lines and columns 1-based, columns in characters; offsets in UTF-16 units). */
    static JsonObject json(CheckEngine.FileResult r, Finding f) {
        LineMap map = new LineMap(r.text());
        JsonObject o = new JsonObject();
        o.addProperty("file", r.path().toString());
        range(o, map, f.span().start(), f.span().end());
        o.addProperty("code", f.code());
        o.addProperty("name", f.name());
        o.addProperty("severity", f.severity().label());
        o.addProperty("message", f.message());
        JsonArray related = new JsonArray();
        for (Related rel : f.related()) {
            JsonObject ro = new JsonObject();
            range(ro, map, rel.span().start(), rel.span().end());
            ro.addProperty("message", rel.message());
            related.add(ro);
        }
        o.add("related", related);
        JsonArray fixes = new JsonArray();
        for (Fix x : f.fixes()) {
            JsonObject fo = new JsonObject();
            fo.addProperty("title", x.title());
            fo.addProperty("safety", x.safety().name().toLowerCase());
            fo.addProperty("preferred", x.preferred());
            JsonArray edits = new JsonArray();
            for (TextEdit e : x.edits()) {
                JsonObject eo = new JsonObject();
                range(eo, map, e.start(), e.end());
                eo.addProperty("start", e.start());
                eo.addProperty("end", e.end());
                eo.addProperty("replacement", e.replacement());
                edits.add(eo);
            }
            fo.add("edits", edits);
            fixes.add(fo);
        }
        o.add("fixes", fixes);
        return o;
    }

    static String sarifLevel(Severity s) {
        switch (s) {
            case ERROR: return "error";
            case WARNING: return "warning";
            default: return "note";
        }
    }

    /** A SARIF 2.1.0 log with one run; columns in UTF-16 code units (declared in the run). */
    static JsonObject sarif(List<CheckEngine.FileResult> results, String version) {
        JsonObject log = new JsonObject();
        log.addProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.addProperty("version", "2.1.0");
        JsonArray runs = new JsonArray();
        JsonObject run = new JsonObject();
        JsonObject tool = new JsonObject();
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "MemLens");
        if (version != null) {
            driver.addProperty("version", version);
        }
        driver.addProperty("informationUri", RuleDocs.HOME_URL);
        JsonArray rules = new JsonArray();
        List<Rule> all = RuleRegistry.all();
        for (Rule r : all) {
            JsonObject ro = new JsonObject();
            ro.addProperty("id", r.code());
            ro.addProperty("name", r.name());
            ro.add("shortDescription", message(r.summary()));
            ro.add("fullDescription", message(RuleDocs.firstParagraph(r)));
            JsonObject help = new JsonObject();
            help.addProperty("text", r.explanation());
            help.addProperty("markdown", r.explanation());
            ro.add("help", help);
            ro.addProperty("helpUri", RuleDocs.href(r));
            JsonObject conf = new JsonObject();
            conf.addProperty("level", sarifLevel(r.defaultSeverity()));
            conf.addProperty("enabled", r.enabledByDefault());
            ro.add("defaultConfiguration", conf);
            rules.add(ro);
        }
        driver.add("rules", rules);
        tool.add("driver", driver);
        run.add("tool", tool);
        run.addProperty("columnKind", "utf16CodeUnits");
        JsonArray out = new JsonArray();
        for (CheckEngine.FileResult r : results) {
            LineMap map = new LineMap(r.text());
            String uri = r.path().toString().replace('\\', '/');
            for (Finding f : r.findings()) {
                JsonObject res = new JsonObject();
                res.addProperty("ruleId", f.code());
                res.addProperty("ruleIndex", indexOf(all, f.code()));
                res.addProperty("level", sarifLevel(f.severity()));
                res.add("message", message(f.message()));
                JsonArray locs = new JsonArray();
                locs.add(location(uri, map, f.span(), null));
                res.add("locations", locs);
                if (!f.related().isEmpty()) {
                    JsonArray rel = new JsonArray();
                    int id = 1;
                    for (Related rl : f.related()) {
                        JsonObject lo = location(uri, map, rl.span(), rl.message());
                        lo.addProperty("id", id++);
                        rel.add(lo);
                    }
                    res.add("relatedLocations", rel);
                }
                if (!f.fixes().isEmpty()) {
                    JsonArray fixes = new JsonArray();
                    for (Fix x : f.fixes()) {
                        JsonObject fo = new JsonObject();
                        fo.add("description", message(x.title() + " (" + x.safety().name().toLowerCase() + ")"));
                        JsonObject change = new JsonObject();
                        JsonObject art = new JsonObject();
                        art.addProperty("uri", uri);
                        change.add("artifactLocation", art);
                        JsonArray reps = new JsonArray();
                        for (TextEdit e : x.edits()) {
                            JsonObject rep = new JsonObject();
                            rep.add("deletedRegion", region(map, e.start(), e.end()));
                            JsonObject ins = new JsonObject();
                            ins.addProperty("text", e.replacement());
                            rep.add("insertedContent", ins);
                            reps.add(rep);
                        }
                        change.add("replacements", reps);
                        JsonArray changes = new JsonArray();
                        changes.add(change);
                        fo.add("artifactChanges", changes);
                        fixes.add(fo);
                    }
                    res.add("fixes", fixes);
                }
                out.add(res);
            }
        }
        run.add("results", out);
        runs.add(run);
        log.add("runs", runs);
        return log;
    }

    private static int indexOf(List<Rule> all, String code) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject message(String text) {
        JsonObject m = new JsonObject();
        m.addProperty("text", text);
        return m;
    }

    private static JsonObject region(LineMap map, int start, int end) {
        LineMap.Position s = map.position(start, LineMap.Encoding.UTF16);
        LineMap.Position e = map.position(end, LineMap.Encoding.UTF16);
        JsonObject r = new JsonObject();
        r.addProperty("startLine", s.line() + 1);
        r.addProperty("startColumn", s.column() + 1);
        r.addProperty("endLine", e.line() + 1);
        r.addProperty("endColumn", e.column() + 1);
        return r;
    }

    private static JsonObject location(String uri, LineMap map, Span span, String msg) {
        JsonObject loc = new JsonObject();
        JsonObject phys = new JsonObject();
        JsonObject art = new JsonObject();
        art.addProperty("uri", uri);
        phys.add("artifactLocation", art);
        phys.add("region", region(map, span.start(), span.end()));
        loc.add("physicalLocation", phys);
        if (msg != null) {
            loc.add("message", message(msg));
        }
        return loc;
    }
}
