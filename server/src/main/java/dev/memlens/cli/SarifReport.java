package dev.memlens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.analysis.PartialAnalysis;
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

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --format sarif}: a SARIF 2.1.0 log with one run, for code-scanning tools. Each result carries a
 * {@code partialFingerprints} entry (so a finding keeps its identity when lines move) and, for the rules whose
 * finding is the end of a path through the program, a {@code codeFlow}: where the object was created, where it
 * was aliased or copied, and the mutation. Skipped files and partial analyses are the invocation's
 * {@code toolExecutionNotifications}. Columns are UTF-16 code units (declared in the run).
 */
final class SarifReport implements CheckReport {

    /** The rules whose related locations, in source order, lead to the finding. */
    static final Set<String> FLOW_RULES = Set.of("MEM101", "MEM103", "MEM104", "MEM201", "MEM202");
    static final String FINGERPRINT_KEY = "memlens/v1";

    private final PrintWriter out;
    private final String version;
    private final String docsBaseUrl;
    private final List<CheckedFile> files = new ArrayList<>();

    SarifReport(PrintWriter out, /* nullable */ String version, /* nullable */ String docsBaseUrl) {
        this.out = out;
        this.version = version;
        this.docsBaseUrl = docsBaseUrl;
    }

    @Override
    public void file(CheckedFile file) {
        if (!file.findings().isEmpty() || file.result().skipped() != null || !file.result().partials().isEmpty()) {
            files.add(file);
        }
    }

    @Override
    public void end(CheckSummary summary) {
        FindingFormats.GSON.toJson(log(files, version, docsBaseUrl), out);
        out.println();
        out.flush();
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            default -> "note";
        };
    }

    static JsonObject log(List<CheckedFile> files, /* nullable */ String version, /* nullable */ String docsBaseUrl) {
        JsonObject log = new JsonObject();
        log.addProperty("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        log.addProperty("version", "2.1.0");
        JsonObject run = new JsonObject();
        JsonObject driver = new JsonObject();
        driver.addProperty("name", "MemLens");
        if (version != null) {
            driver.addProperty("version", version);
        }
        List<Rule> all = RuleRegistry.all();
        JsonArray rules = new JsonArray();
        for (Rule r : all) {
            rules.add(rule(r, docsBaseUrl));
        }
        driver.add("rules", rules);
        JsonObject tool = new JsonObject();
        tool.add("driver", driver);
        run.add("tool", tool);
        JsonArray notifications = new JsonArray();
        JsonArray results = new JsonArray();
        for (CheckedFile file : files) {
            String uri = file.slashPath();
            if (file.result().skipped() != null) {
                notifications.add(notification("error", "skipped", "skipped: " + file.result().skipped(), uri, 0));
            }
            for (PartialAnalysis p : file.result().partials()) {
                notifications.add(notification("warning", "partial-analysis",
                        "partially analyzed: " + p.message(), uri, p.line()));
            }
            for (int i = 0; i < file.findings().size(); i++) {
                results.add(result(file, file.findings().get(i), file.fingerprints().get(i), all));
            }
        }
        JsonObject invocation = new JsonObject();
        invocation.addProperty("executionSuccessful", true);
        invocation.add("toolExecutionNotifications", notifications);
        JsonArray invocations = new JsonArray();
        invocations.add(invocation);
        run.add("invocations", invocations);
        run.addProperty("columnKind", "utf16CodeUnits");
        run.add("results", results);
        JsonArray runs = new JsonArray();
        runs.add(run);
        log.add("runs", runs);
        return log;
    }

    private static JsonObject rule(Rule r, String docsBaseUrl) {
        JsonObject ro = new JsonObject();
        ro.addProperty("id", r.code());
        ro.addProperty("name", r.name());
        ro.add("shortDescription", message(r.summary()));
        ro.add("fullDescription", message(RuleDocs.firstParagraph(r)));
        JsonObject help = new JsonObject();
        help.addProperty("text", r.explanation());
        help.addProperty("markdown", r.explanation());
        ro.add("help", help);
        String href = RuleDocs.href(r, docsBaseUrl);
        if (href != null) {
            ro.addProperty("helpUri", href);
        }
        JsonObject props = new JsonObject();
        props.addProperty("docs", RuleDocs.path(r));
        ro.add("properties", props);
        JsonObject conf = new JsonObject();
        conf.addProperty("level", level(r.defaultSeverity()));
        conf.addProperty("enabled", r.enabledByDefault());
        ro.add("defaultConfiguration", conf);
        return ro;
    }

    private static JsonObject notification(String level, String id, String text, String uri, int line) {
        JsonObject n = new JsonObject();
        n.addProperty("level", level);
        n.add("message", message(text));
        JsonObject descriptor = new JsonObject();
        descriptor.addProperty("id", id);
        n.add("descriptor", descriptor);
        JsonObject phys = new JsonObject();
        JsonObject art = new JsonObject();
        art.addProperty("uri", uri);
        phys.add("artifactLocation", art);
        if (line > 0) {
            JsonObject region = new JsonObject();
            region.addProperty("startLine", line);
            phys.add("region", region);
        }
        JsonObject loc = new JsonObject();
        loc.add("physicalLocation", phys);
        JsonArray locs = new JsonArray();
        locs.add(loc);
        n.add("locations", locs);
        return n;
    }

    private static JsonObject result(CheckedFile file, Finding f, String fingerprint, List<Rule> all) {
        LineMap map = file.lines();
        String uri = file.slashPath();
        JsonObject res = new JsonObject();
        res.addProperty("ruleId", f.code());
        res.addProperty("ruleIndex", indexOf(all, f.code()));
        res.addProperty("level", level(f.severity()));
        res.add("message", message(f.message()));
        JsonArray locs = new JsonArray();
        locs.add(location(uri, map, f.span(), null));
        res.add("locations", locs);
        JsonObject fp = new JsonObject();
        fp.addProperty(FINGERPRINT_KEY, fingerprint);
        res.add("partialFingerprints", fp);
        if (!f.related().isEmpty()) {
            JsonArray rel = new JsonArray();
            int id = 1;
            for (Related rl : f.related()) {
                JsonObject lo = location(uri, map, rl.span(), rl.message());
                lo.addProperty("id", id++);
                rel.add(lo);
            }
            res.add("relatedLocations", rel);
            if (FLOW_RULES.contains(f.code())) {
                res.add("codeFlows", codeFlows(uri, map, f));
            }
        }
        if (!f.fixes().isEmpty()) {
            JsonArray fixes = new JsonArray();
            for (Fix x : f.fixes()) {
                fixes.add(fix(uri, map, x));
            }
            res.add("fixes", fixes);
        }
        return res;
    }

    /** One thread flow: the related locations in source order (creation, alias or copy), then the finding. */
    private static JsonArray codeFlows(String uri, LineMap map, Finding f) {
        List<Related> steps = new ArrayList<>(f.related());
        steps.sort(Comparator.comparingInt((Related r) -> r.span().start()));
        JsonArray locations = new JsonArray();
        for (Related r : steps) {
            locations.add(flowStep(location(uri, map, r.span(), r.message())));
        }
        locations.add(flowStep(location(uri, map, f.span(), f.code() + ": " + firstSentence(f.message()))));
        JsonObject thread = new JsonObject();
        thread.add("locations", locations);
        JsonArray threads = new JsonArray();
        threads.add(thread);
        JsonObject flow = new JsonObject();
        flow.add("message", message("how the object reaches the " + f.code() + " finding"));
        flow.add("threadFlows", threads);
        JsonArray flows = new JsonArray();
        flows.add(flow);
        return flows;
    }

    private static String firstSentence(String message) {
        int semicolon = message.indexOf("; ");
        return semicolon > 0 ? message.substring(0, semicolon) : message;
    }

    private static JsonObject flowStep(JsonObject location) {
        JsonObject step = new JsonObject();
        step.add("location", location);
        return step;
    }

    private static JsonObject fix(String uri, LineMap map, Fix x) {
        JsonObject fo = new JsonObject();
        fo.add("description", message(x.title() + " (" + x.safety().name().toLowerCase(Locale.ROOT) + ")"));
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
        return fo;
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
