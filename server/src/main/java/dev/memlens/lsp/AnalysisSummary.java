package dev.memlens.lsp;

import dev.memlens.features.Finding;
import dev.memlens.syntax.LineMap;

import java.util.List;

/**
 * What the server keeps of every completed analysis, even after the full analysis was let go to save memory: the
 * diagnostics before the editor's settings apply (so they can be published, pulled and re-rated without analyzing
 * again) and the line map (so positions in this document can be converted for others' related locations).
 *
 * @param generation the text generation this summarizes
 */
record AnalysisSummary(long generation, int version, LineMap lines, List<Finding> unfilteredDiagnostics) {

    AnalysisSummary {
        unfilteredDiagnostics = List.copyOf(unfilteredDiagnostics);
    }
}
