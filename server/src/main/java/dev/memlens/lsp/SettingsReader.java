package dev.memlens.lsp;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.memlens.features.Settings;
import dev.memlens.features.Settings.Hints;
import dev.memlens.features.Settings.LogLevel;
import dev.memlens.features.Settings.RefcountMode;
import dev.memlens.features.Settings.RuleLevel;
import dev.memlens.features.Settings.Rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code memlens.*} settings from whatever JSON a client sends: the section itself (a
 * {@code workspace/configuration} answer), an object holding a {@code memlens} member (VS Code's
 * didChangeConfiguration), or dotted keys ({@code "memlens.hints.alias": false}). Leniently: unknown keys are
 * ignored, a value of the wrong type keeps the default and is reported as a problem.
 */
final class SettingsReader {

    private static final String PREFIX = "memlens.";
    private static final String SEVERITY = "rules.severity";
    private static final Set<String> KNOWN = Set.of("hints.alias", "hints.mutation", "hints.copyDepth",
            "hints.refcount", "hints.identity", "rules.select", "rules.ignore", SEVERITY, "log.level",
            "analysis.debounceMs", "docs.baseUrl", "profile", "pythonVersion");
    /** Client-side settings that live under our prefix; not ours to read, not worth a complaint. */
    private static final Set<String> CLIENT_SIDE = Set.of("trace.server", "server.path", "server.args",
            "java.home", "java.path");

    record Result(Settings settings, List<String> problems, List<String> unknown) {
    }

    private SettingsReader() {
    }

    /** True when {@code raw} holds anything that looks like our settings. */
    static boolean hasSettings(Object raw) {
        JsonElement json = toJson(raw);
        return json != null && json.isJsonObject() && !flatten(section(json.getAsJsonObject())).isEmpty();
    }

    /**
     * {@code memlens.pythonVersion}: the Python version to analyze for ("3.14"), or null when unset or empty (each
     * file's pyproject.toml decides); a bad value is added to {@code problems} and counts as unset.
     */
    static dev.memlens.syntax.PythonVersion pythonVersion(Object raw, List<String> problems) {
        JsonElement json = toJson(raw);
        if (json == null || !json.isJsonObject()) {
            return null;
        }
        JsonElement v = flatten(section(json.getAsJsonObject())).get("pythonVersion");
        if (v == null || v.isJsonNull() || (v.isJsonPrimitive() && v.getAsString().isBlank())) {
            return null;
        }
        dev.memlens.syntax.PythonVersion parsed = v.isJsonPrimitive()
                ? dev.memlens.syntax.PythonVersion.parse(v.getAsString()) : null;
        if (parsed == null) {
            problems.add(PREFIX + "pythonVersion should be a version from " + dev.memlens.syntax.PythonVersion.OLDEST
                    + " to " + dev.memlens.syntax.PythonVersion.LATEST + ", like \"3.14\", got " + brief(v));
        }
        return parsed;
    }

    static Result read(Object raw) {
        JsonElement json = toJson(raw);
        List<String> problems = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (json == null || json.isJsonNull()) {
            return new Result(Settings.DEFAULTS, problems, unknown);
        }
        if (!json.isJsonObject()) {
            problems.add("settings should be an object, got " + brief(json));
            return new Result(Settings.DEFAULTS, problems, unknown);
        }
        Map<String, JsonElement> flat = flatten(section(json.getAsJsonObject()));
        for (String key : flat.keySet()) {
            if (!KNOWN.contains(key) && !key.startsWith(SEVERITY + ".") && !CLIENT_SIDE.contains(key)) {
                unknown.add(PREFIX + key);
            }
        }
        Hints d = Hints.DEFAULTS;
        Hints hints = new Hints(
                bool(flat, "hints.alias", d.alias(), problems),
                bool(flat, "hints.mutation", d.mutation(), problems),
                bool(flat, "hints.copyDepth", d.copyDepth(), problems),
                choice(flat, "hints.refcount", RefcountMode.class, d.refcount(), problems),
                bool(flat, "hints.identity", d.identity(), problems));
        Rules rules = new Rules(
                codes(flat, "rules.select", problems),
                codes(flat, "rules.ignore", problems),
                severities(flat, problems));
        LogLevel level = logLevel(flat, problems);
        int debounce = integer(flat, "analysis.debounceMs", Settings.DEFAULT_DEBOUNCE_MS, 0,
                Settings.MAX_DEBOUNCE_MS, problems);
        String docs = string(flat, "docs.baseUrl", problems);
        if (docs != null && !docs.isBlank() && dev.memlens.rules.RuleDocs.checkBaseUrl(docs.strip()) != null) {
            problems.add(PREFIX + "docs.baseUrl " + docs.strip() + " is "
                    + dev.memlens.rules.RuleDocs.checkBaseUrl(docs.strip()) + " (no documentation links)");
            docs = null;
        }
        Settings.Profile profile = choice(flat, "profile", Settings.Profile.class, Settings.Profile.WORKING, problems);
        return new Result(new Settings(hints, rules, level, debounce, docs).withProfile(profile), problems, unknown);
    }

    private static String string(Map<String, JsonElement> flat, String key, List<String> problems) {
        JsonElement v = flat.get(key);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            return v.getAsString();
        }
        problems.add(PREFIX + key + " expects a string, got " + brief(v) + " (using the default)");
        return null;
    }

    private static JsonElement toJson(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof JsonElement e) {
            return e;
        }
        return new Gson().toJsonTree(raw);
    }

    /** The object our keys are relative to; dotted {@code memlens.*} keys at the top level are folded in. */
    private static JsonObject section(JsonObject root) {
        JsonObject out = new JsonObject();
        boolean prefixed = false;
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            if (e.getKey().equals("memlens") && e.getValue().isJsonObject()) {
                prefixed = true;
                e.getValue().getAsJsonObject().entrySet().forEach(m -> out.add(m.getKey(), m.getValue()));
            } else if (e.getKey().startsWith(PREFIX)) {
                prefixed = true;
                out.add(e.getKey().substring(PREFIX.length()), e.getValue());
            }
        }
        if (prefixed) {
            return out;
        }
        if (root.has("settings") && root.get("settings").isJsonObject()) {
            return section(root.getAsJsonObject("settings"));
        }
        return root;
    }

    static Map<String, JsonElement> flatten(JsonObject section) {
        Map<String, JsonElement> out = new LinkedHashMap<>();
        flatten("", section, out);
        return out;
    }

    private static void flatten(String prefix, JsonElement e, Map<String, JsonElement> out) {
        if (e.isJsonObject() && !prefix.equals(SEVERITY)) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                flatten(prefix.isEmpty() ? m.getKey() : prefix + "." + m.getKey(), m.getValue(), out);
            }
        } else if (!prefix.isEmpty()) {
            out.put(prefix, e);
        }
    }

    private static boolean bool(Map<String, JsonElement> flat, String key, boolean dflt, List<String> problems) {
        JsonElement v = flat.get(key);
        if (v == null || v.isJsonNull()) {
            return dflt;
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean()) {
            return v.getAsBoolean();
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            String s = v.getAsString().trim().toLowerCase(Locale.ROOT);
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
        }
        problems.add(PREFIX + key + " expects true or false, got " + brief(v) + " (using " + dflt + ")");
        return dflt;
    }

    private static <E extends Enum<E>> E choice(Map<String, JsonElement> flat, String key, Class<E> type, E dflt,
                                                List<String> problems) {
        JsonElement v = flat.get(key);
        if (v == null || v.isJsonNull()) {
            return dflt;
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            String s = v.getAsString().trim().toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(s)) {
                    return constant;
                }
            }
        }
        problems.add(PREFIX + key + " expects one of " + names(type) + ", got " + brief(v) + " (using "
                + dflt.name().toLowerCase(Locale.ROOT) + ")");
        return dflt;
    }

    private static LogLevel logLevel(Map<String, JsonElement> flat, List<String> problems) {
        JsonElement v = flat.get("log.level");
        if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            switch (v.getAsString().trim().toLowerCase(Locale.ROOT)) {
                case "warn":
                    return LogLevel.WARNING;
                case "information":
                    return LogLevel.INFO;
                case "trace", "verbose", "log":
                    return LogLevel.DEBUG;
                default:
                    break;
            }
        }
        return choice(flat, "log.level", LogLevel.class, Settings.DEFAULTS.logLevel(), problems);
    }

    private static int integer(Map<String, JsonElement> flat, String key, int dflt, int min, int max,
                               List<String> problems) {
        JsonElement v = flat.get(key);
        if (v == null || v.isJsonNull()) {
            return dflt;
        }
        if (v.isJsonPrimitive()) {
            JsonPrimitive p = v.getAsJsonPrimitive();
            try {
                double d = p.isNumber() ? p.getAsDouble() : Double.parseDouble(p.getAsString().trim());
                if (!Double.isNaN(d)) {
                    return (int) Math.max(min, Math.min(max, Math.round(d)));
                }
            } catch (NumberFormatException | UnsupportedOperationException ignored) {
                // reported below
            }
        }
        problems.add(PREFIX + key + " expects a number, got " + brief(v) + " (using " + dflt + ")");
        return dflt;
    }

    /** A list of codes; a comma-separated string is accepted too. */
    private static List<String> codes(Map<String, JsonElement> flat, String key, List<String> problems) {
        JsonElement v = flat.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isJsonNull()) {
            return out;
        }
        if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
            for (String part : v.getAsString().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (v.isJsonArray()) {
            JsonArray array = v.getAsJsonArray();
            for (JsonElement item : array) {
                if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isString()) {
                    if (!item.getAsString().isBlank()) {
                        out.add(item.getAsString().trim());
                    }
                } else {
                    problems.add(PREFIX + key + " holds a non-string " + brief(item) + " (left out)");
                }
            }
            return out;
        }
        problems.add(PREFIX + key + " expects a list of rule codes, got " + brief(v) + " (using [])");
        return out;
    }

    private static Map<String, RuleLevel> severities(Map<String, JsonElement> flat, List<String> problems) {
        Map<String, JsonElement> raw = new LinkedHashMap<>();
        JsonElement whole = flat.get(SEVERITY);
        if (whole != null && !whole.isJsonNull()) {
            if (whole.isJsonObject()) {
                whole.getAsJsonObject().entrySet().forEach(e -> raw.put(e.getKey(), e.getValue()));
            } else {
                problems.add(PREFIX + SEVERITY + " expects an object of code: level, got " + brief(whole)
                        + " (using {})");
            }
        }
        flat.forEach((k, v) -> {
            if (k.startsWith(SEVERITY + ".")) {
                raw.put(k.substring(SEVERITY.length() + 1), v);
            }
        });
        Map<String, RuleLevel> out = new LinkedHashMap<>();
        raw.forEach((code, v) -> {
            RuleLevel level = null;
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
                String s = v.getAsString().trim().toUpperCase(Locale.ROOT);
                s = switch (s) {
                    case "WARN" -> "WARNING";
                    case "INFO" -> "INFORMATION";
                    case "NONE", "IGNORE" -> "OFF";
                    default -> s;
                };
                for (RuleLevel l : RuleLevel.values()) {
                    if (l.name().equals(s)) {
                        level = l;
                    }
                }
            }
            if (level == null) {
                problems.add(PREFIX + SEVERITY + "." + code + " expects one of " + names(RuleLevel.class)
                        + ", got " + brief(v) + " (left out)");
            } else {
                out.put(code, level);
            }
        });
        return out;
    }

    private static String names(Class<? extends Enum<?>> type) {
        List<String> names = new ArrayList<>();
        for (Enum<?> c : type.getEnumConstants()) {
            names.add(c.name().toLowerCase(Locale.ROOT));
        }
        return String.join("/", names);
    }

    private static String brief(JsonElement v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
