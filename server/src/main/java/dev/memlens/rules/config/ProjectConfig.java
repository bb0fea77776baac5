package dev.memlens.rules.config;

import dev.memlens.rules.RuleRegistry;
import dev.memlens.rules.RuleSettings;
import dev.memlens.rules.Severity;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code [tool.memlens]} table of one pyproject.toml:
 * <pre>
 * [tool.memlens]
 * select = ["MEM1", "MEM201"]          # codes, code prefixes, names or "ALL"; default: the rules on by default
 * ignore = ["MEM402"]
 * per-file-ignores = { "tests/*" = ["MEM301"] }   # globs relative to the pyproject.toml's directory
 * severity = { MEM402 = "hint", MEM1 = "error" }
 * </pre>
 */
public record ProjectConfig(Path file, RuleSettings settings, List<PerFileIgnore> perFileIgnores) {

    public record PerFileIgnore(String glob, PathMatcher matcher, List<String> codes) {}

    public static final ProjectConfig NONE = new ProjectConfig(null, RuleSettings.DEFAULT, List.of());

    /** The settings for a file under this configuration's directory. */
    public RuleSettings settingsFor(Path source) {
        if (perFileIgnores.isEmpty() || file == null) {
            return settings;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path abs = source.toAbsolutePath().normalize();
        Path rel = abs.startsWith(dir) ? dir.relativize(abs) : abs;
        List<String> extra = new ArrayList<>();
        for (PerFileIgnore p : perFileIgnores) {
            if (p.matcher().matches(rel) || p.matcher().matches(rel.getFileName())) {
                extra.addAll(p.codes());
            }
        }
        return settings.withIgnored(extra);
    }

    /** Reads {@code [tool.memlens]}; null when the file has no such table. Problems are added to {@code errors}. */
    public static ProjectConfig read(Path pyproject, List<String> errors) throws IOException {
        QuietToml.initialize();
        TomlParseResult toml = Toml.parse(pyproject);
        if (toml.hasErrors()) {
            errors.add(pyproject + ": invalid TOML: " + toml.errors().get(0));
            return null;
        }
        TomlTable t = toml.getTable("tool.memlens");
        if (t == null) {
            return null;
        }
        List<String> select = strings(t, "select", pyproject, errors);
        List<String> ignore = strings(t, "ignore", pyproject, errors);
        Map<String, Severity> severities = new LinkedHashMap<>();
        TomlTable sev = table(t, "severity", pyproject, errors);
        if (sev != null) {
            for (String k : sev.keySet()) {
                Object v = sev.get(List.of(k));
                Severity s = v instanceof String str ? Severity.parse(str) : null;
                if (s == null) {
                    errors.add(pyproject + ": [tool.memlens] severity." + k
                            + " must be one of \"error\", \"warning\", \"information\", \"hint\"");
                } else {
                    checkSelector(k, pyproject, errors);
                    severities.put(k, s);
                }
            }
        }
        List<PerFileIgnore> pfi = new ArrayList<>();
        TomlTable per = table(t, "per-file-ignores", pyproject, errors);
        if (per != null) {
            for (String glob : per.keySet()) {
                Object v = per.get(List.of(glob));
                List<String> codes = new ArrayList<>();
                if (v instanceof TomlArray arr) {
                    for (int i = 0; i < arr.size(); i++) {
                        codes.add(String.valueOf(arr.get(i)));
                    }
                } else {
                    errors.add(pyproject + ": [tool.memlens] per-file-ignores.\"" + glob + "\" must be an array");
                    continue;
                }
                for (String c : codes) {
                    checkSelector(c, pyproject, errors);
                }
                pfi.add(new PerFileIgnore(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), codes));
            }
        }
        for (String s : select) {
            checkSelector(s, pyproject, errors);
        }
        for (String s : ignore) {
            checkSelector(s, pyproject, errors);
        }
        return new ProjectConfig(pyproject, new RuleSettings(select, ignore, severities), pfi);
    }

    private static void checkSelector(String s, Path file, List<String> errors) {
        boolean any = RuleRegistry.all().stream().anyMatch(r -> RuleRegistry.matches(s, r));
        if (!any) {
            errors.add(file + ": [tool.memlens] unknown rule selector \"" + s + "\"");
        }
    }

    private static List<String> strings(TomlTable t, String key, Path file, List<String> errors) {
        if (!t.contains(List.of(key))) {
            return List.of();
        }
        Object v = t.get(List.of(key));
        if (!(v instanceof TomlArray arr)) {
            errors.add(file + ": [tool.memlens] " + key + " must be an array of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            out.add(String.valueOf(arr.get(i)).toUpperCase(Locale.ROOT).startsWith("MEM")
                    ? String.valueOf(arr.get(i)).toUpperCase(Locale.ROOT) : String.valueOf(arr.get(i)));
        }
        return out;
    }

    private static TomlTable table(TomlTable t, String key, Path file, List<String> errors) {
        if (!t.contains(List.of(key))) {
            return null;
        }
        Object v = t.get(List.of(key));
        if (!(v instanceof TomlTable tt)) {
            errors.add(file + ": [tool.memlens] " + key + " must be a table");
            return null;
        }
        return tt;
    }
}
