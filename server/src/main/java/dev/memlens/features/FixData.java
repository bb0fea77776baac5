package dev.memlens.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.memlens.rules.Fix;
import dev.memlens.rules.FixSafety;
import dev.memlens.rules.TextEdit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule finding's fixes inside {@link Finding#data()}, so that a code-action request (which carries the diagnostic
 * back) needs nothing else: {@code rule}, the document {@code version} the offsets belong to, and {@code fixes} as
 * JSON {@code [{"title", "safety", "preferred", "edits": [[start, end, "text"], ...]}]}.
 */
public final class FixData {

    public static final String RULE = "rule";
    public static final String VERSION = "version";
    public static final String FIXES = "fixes";

    private FixData() {
    }

    public static Map<String, String> encode(String rule, int version, List<Fix> fixes) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(RULE, rule);
        data.put(VERSION, Integer.toString(version));
        JsonArray all = new JsonArray();
        for (Fix fix : fixes) {
            JsonObject f = new JsonObject();
            f.addProperty("title", fix.title());
            f.addProperty("safety", fix.safety().name());
            f.addProperty("preferred", fix.preferred());
            JsonArray edits = new JsonArray();
            for (TextEdit e : fix.edits()) {
                JsonArray edit = new JsonArray();
                edit.add(e.start());
                edit.add(e.end());
                edit.add(e.replacement());
                edits.add(edit);
            }
            f.add("edits", edits);
            all.add(f);
        }
        if (!fixes.isEmpty()) {
            data.put(FIXES, all.toString());
        }
        return data;
    }

    /** The fixes in {@code data} when they were made for {@code version} of the text; empty otherwise. */
    public static List<Fix> decode(Map<String, String> data, int version, int textLength) {
        String raw = data.get(FIXES);
        if (raw == null || !Integer.toString(version).equals(data.get(VERSION))) {
            return List.of();
        }
        try {
            List<Fix> out = new ArrayList<>();
            for (JsonElement el : JsonParser.parseString(raw).getAsJsonArray()) {
                JsonObject f = el.getAsJsonObject();
                List<TextEdit> edits = new ArrayList<>();
                for (JsonElement e : f.getAsJsonArray("edits")) {
                    JsonArray a = e.getAsJsonArray();
                    int start = a.get(0).getAsInt();
                    int end = a.get(1).getAsInt();
                    if (end > textLength) {
                        return List.of();
                    }
                    edits.add(new TextEdit(start, end, a.get(2).getAsString()));
                }
                out.add(new Fix(f.get("title").getAsString(), FixSafety.valueOf(f.get("safety").getAsString()),
                        f.get("preferred").getAsBoolean(), edits));
            }
            return out;
        } catch (RuntimeException e) {
            // a client that mangled the data gets no fix rather than a wrong one
            return List.of();
        }
    }
}
