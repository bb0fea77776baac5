package dev.memlens.features;

import dev.memlens.rules.Rule;
import dev.memlens.rules.RuleRegistry;

import java.util.List;

/**
 * Applies {@code memlens.rules.select|ignore|severity} to one finding. Selectors are codes, code prefixes, rule names
 * or ALL, as in pyproject.toml; a severity may be keyed by code or name.
 */
final class RuleFilter {

    private RuleFilter() {
    }

    /** The finding at its configured severity, or null when the settings drop it. */
    static Finding apply(Finding finding, Settings.Rules rules) {
        String code = finding.code();
        boolean isRule = !code.equals(SyntaxErrorDiagnostics.CODE);
        if (isRule && !rules.select().isEmpty() && !matchesAny(code, rules.select())) {
            return null;
        }
        if (matchesAny(code, rules.ignore())) {
            return null;
        }
        Settings.RuleLevel level = rules.severity().get(code);
        if (level == null && isRule(code)) {
            level = rules.severity().get(RuleRegistry.find(code).get().name());
        }
        if (level == null) {
            return finding;
        }
        return level == Settings.RuleLevel.OFF ? null : finding.withSeverity(level.severity());
    }

    /** True for the code of one of the rules ({@code MEM101}), false for syntax errors and test codes. */
    static boolean isRule(String code) {
        return code.startsWith("MEM") && RuleRegistry.find(code).isPresent();
    }

    private static boolean matchesAny(String code, List<String> selectors) {
        Rule rule = isRule(code) ? RuleRegistry.find(code).orElse(null) : null;
        for (String selector : selectors) {
            if (selector.isEmpty()) {
                continue;
            }
            if (selector.equalsIgnoreCase("ALL") || code.startsWith(selector)
                    || rule != null && RuleRegistry.matches(selector, rule)) {
                return true;
            }
        }
        return false;
    }
}
