package dev.memlens.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.memlens.rules.Finding;
import dev.memlens.rules.Fix;
import dev.memlens.rules.Related;
import dev.memlens.rules.Severity;
import dev.memlens.rules.TextEdit;
import dev.memlens.syntax.LineMap;


/** A finding as text for people ({@code full}) and as a JSON object (json, json-lines). */
final class FindingFormats {
    private FindingFormats() {
    }

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /** {@code path:line:col: CODE message}, the source line, and a caret under the range (first line only). */
    static String text(CheckedFile file, Finding f) {
        CheckEngine.FileResult r = file.result();
        LineMap map = file.lines();
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
    static JsonObject json(CheckedFile file, Finding f, String fingerprint) {
        CheckEngine.FileResult r = file.result();
        LineMap map = file.lines();
        JsonObject o = new JsonObject();
        o.addProperty("file", r.path().toString());
        range(o, map, f.span().start(), f.span().end());
        o.addProperty("code", f.code());
        o.addProperty("name", f.name());
        o.addProperty("severity", f.severity().label());
        o.addProperty("message", f.message());
        o.addProperty("fingerprint", fingerprint);
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
}
