package dev.memlens.cli;

import dev.memlens.rules.Severity;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** The counts of a whole check run, for the summary line, the statistics and the formats that carry totals. */
final class CheckSummary {
    int files;
    int findings;
    int baselined;
    int skipped;
    int partial;
    int fixed;
    int problems;
    final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    /** Code -> [name, count], in code order. */
    final Map<String, Object[]> byRule = new TreeMap<>();

    void add(CheckedFile f) {
        files++;
        fixed += f.result().fixed();
        problems += f.result().problems().size();
        if (f.result().skipped() != null) {
            skipped++;
        }
        if (!f.result().partials().isEmpty()) {
            partial++;
        }
        baselined += f.result().findings().size() - f.findings().size();
        for (var finding : f.findings()) {
            findings++;
            bySeverity.merge(finding.severity(), 1, Integer::sum);
            Object[] entry = byRule.computeIfAbsent(finding.code(), c -> new Object[] {finding.name(), 0});
            entry[1] = (Integer) entry[1] + 1;
        }
    }

    /** Findings at {@code level} or louder. */
    int atLeast(Severity level) {
        int n = 0;
        for (var e : bySeverity.entrySet()) {
            if (e.getKey().ordinal() <= level.ordinal()) {
                n += e.getValue();
            }
        }
        return n;
    }
}
