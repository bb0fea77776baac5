package dev.memlens.features;

import java.util.List;

/** Applies {@code memlens.rules.select|ignore|severity} to one finding. */
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
        if (level == null) {
            return finding;
        }
        return level == Settings.RuleLevel.OFF ? null : finding.withSeverity(level.severity());
    }

    private static boolean matchesAny(String code, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (!prefix.isEmpty() && (prefix.equalsIgnoreCase("ALL") || code.startsWith(prefix))) {
                return true;
            }
        }
        return false;
    }
}
