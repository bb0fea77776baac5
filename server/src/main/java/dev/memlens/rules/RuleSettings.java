package dev.memlens.rules;

import java.util.List;
import java.util.Map;

/**
 * Which rules run and at what severity for one file: the effective configuration after select/ignore,
 * per-file-ignores and severity overrides were applied. Selectors are codes, code prefixes, names or ALL.
 */
public record RuleSettings(List<String> select, List<String> ignore, Map<String, Severity> severities) {

    public static final RuleSettings DEFAULT = new RuleSettings(List.of(), List.of(), Map.of());

    public boolean enabled(Rule r) {
        boolean on = select.isEmpty() ? r.enabledByDefault() : select.stream().anyMatch(s -> RuleRegistry.matches(s, r));
        return on && ignore.stream().noneMatch(s -> RuleRegistry.matches(s, r));
    }

    public Severity severity(Rule r) {
        Severity best = null;
        int bestLen = -1;
        for (Map.Entry<String, Severity> e : severities.entrySet()) {
            if (RuleRegistry.matches(e.getKey(), r) && e.getKey().length() > bestLen) {
                best = e.getValue();
                bestLen = e.getKey().length();
            }
        }
        return best != null ? best : r.defaultSeverity();
    }

    public RuleSettings withIgnored(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(ignore);
        all.addAll(more);
        return new RuleSettings(select, all, severities);
    }

    public RuleSettings withSelect(List<String> sel) {
        return new RuleSettings(sel, ignore, severities);
    }
}
